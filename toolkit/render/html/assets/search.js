/* Search page. Two engines, one form:
   - Pagefind (pagefind/pagefind.js, built over the site): full index, Russian stemming.
     Needs fetch() and WebAssembly, so it works from any web server but not from file://.
   - the offline engine: the texts in assets/search-data.js (a plain script, which browsers
     load from disk too) with a Snowball-style Russian stemmer. Used from file:// or
     when the Pagefind index is missing.
   Names in Latin script ("Tokayev", "Bishkek", "CSTO") find the documents and blocks that
   mention the entity (the records' "n" and blocks' "e"), and with either engine the index
   entries whose names match are listed above the documents (search-data.js "entries").
   Results are built with DOM methods only; excerpts keep <mark> and nothing else. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-q");
  var statusEl = document.getElementById("search-status");
  var modeEl = document.getElementById("search-mode");
  var list = document.getElementById("search-results");
  var entriesEl = document.getElementById("search-entries");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var engine = null;
  var pending = 0;

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }
  function plural(n) {
    var d = n % 10, dd = n % 100;
    if (d === 1 && dd !== 11) return "документ";
    if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return "документа";
    return "документов";
  }

  /* ------------------------------------------------------------ Russian stemmer */
  var RV = /^(.*?[аеиоуыэюя])(.*)$/;
  var PERFECTIVE = /((ив|ивши|ившись|ыв|ывши|ывшись)|((?<=[ая])(в|вши|вшись)))$/;
  var REFLEXIVE = /(с[яь])$/;
  var ADJECTIVE = /(ее|ие|ые|ое|ими|ыми|ей|ий|ый|ой|ем|им|ым|ом|его|ого|ему|ому|их|ых|ую|юю|ая|яя|ою|ею)$/;
  var PARTICIPLE = /((ивш|ывш|ующ)|((?<=[ая])(ем|нн|вш|ющ|щ)))$/;
  var VERB = /((ила|ыла|ена|ейте|уйте|ите|или|ыли|ей|уй|ил|ыл|им|ым|ен|ило|ыло|ено|ят|ует|уют|ит|ыт|ены|ить|ыть|ишь|ую|ю)|((?<=[ая])(ла|на|ете|йте|ли|й|л|ем|н|ло|но|ет|ют|ны|ть|ешь|нно)))$/;
  var NOUN = /(а|ев|ов|ие|ье|е|иями|ями|ами|еи|ии|и|ией|ей|ой|ий|й|иям|ям|ием|ем|ам|ом|о|у|ах|иях|ях|ы|ь|ию|ью|ю|ия|ья|я)$/;
  var DERIVATIONAL = /[^аеиоуыэюя][аеиоуыэюя]+[^аеиоуыэюя]+[аеиоуыэюя].*ость?$/;
  function stem(word) {
    word = word.toLowerCase().replace(/ё/g, "е");
    if (!/[а-я]/.test(word)) return word;
    var m = RV.exec(word);
    if (!m) return word;
    var pre = m[1], rv = m[2], t = rv.replace(PERFECTIVE, "");
    if (t === rv) {
      rv = rv.replace(REFLEXIVE, "");
      t = rv.replace(ADJECTIVE, "");
      if (t !== rv) { rv = t.replace(PARTICIPLE, ""); }
      else { t = rv.replace(VERB, ""); rv = t === rv ? rv.replace(NOUN, "") : t; }
    } else { rv = t; }
    rv = rv.replace(/и$/, "");
    if (DERIVATIONAL.test(word)) rv = rv.replace(/ость?$/, "");
    t = rv.replace(/ь$/, "");
    if (t === rv) { rv = rv.replace(/(ейше|ейш)$/, "").replace(/нн$/, "н"); } else { rv = t; }
    return pre + rv;
  }
  function words(text) { return text.toLowerCase().replace(/ё/g, "е").match(/[a-zа-я0-9]+/g) || []; }

  /* ------------------------------------------------------------ offline engine */
  function offlineEngine() {
    var data = window.EDITION_SEARCH;
    if (!data) return null;
    var docs = data.documents;
    docs.forEach(function (d) {
      var names = (d.n || []).map(function (n) { return words(n).map(stem); });
      d.blocks.forEach(function (b) {
        b.stems = words(b.t).map(stem);
        b.nameStems = [].concat.apply([], (b.e || []).map(function (i) { return names[i] || []; }));
      });
      d.titleStems = words(d.title).map(stem).concat([].concat.apply([], names));
    });
    var filters = {};
    ["genre", "year", "person", "place", "organisation"].forEach(function (name) {
      var counts = {};
      docs.forEach(function (d) {
        var v = d[name];
        (Array.isArray(v) ? v : (v ? [v] : [])).forEach(function (x) { counts[x] = (counts[x] || 0) + 1; });
      });
      filters[name] = counts;
    });
    // a word matches when one stem begins with the other (stems of names are uneven:
    // «Токаев» → «тока», «Токаева» → «токаев»); a stem shorter than 4 letters only as a prefix
    function same(w, s) { return w.indexOf(s) === 0 || (w.length >= 4 && s.indexOf(w) === 0); }
    function matches(stems, q) {
      return q.every(function (s) { return stems.some(function (w) { return same(w, s); }); });
    }
    function snippet(text, q) {
      var frag = document.createDocumentFragment();
      var re = /[A-Za-zА-Яа-яЁё0-9]+/g, last = 0, m;
      while ((m = re.exec(text))) {
        var s = stem(m[0]);
        if (q.some(function (x) { return same(s, x); })) {
          frag.appendChild(document.createTextNode(text.slice(last, m.index)));
          frag.appendChild(el("mark", null, m[0]));
          last = m.index + m[0].length;
        }
      }
      frag.appendChild(document.createTextNode(text.slice(last)));
      return frag;
    }
    return {
      name: "offline",
      filters: filters,
      search: function (query, chosen) {
        var q = words(query).map(stem).filter(function (s) { return s.length > 1; });
        var out = [];
        docs.forEach(function (d) {
          for (var k in chosen) {
            var v = d[k];
            if ((Array.isArray(v) ? v : [v]).indexOf(chosen[k]) < 0) return;
          }
          var hits = q.length ? d.blocks.filter(function (b) { return matches(b.stems.concat(b.nameStems), q); }) : [];
          if (q.length && !hits.length && !matches(d.titleStems, q)) return;
          out.push({
            url: d.url, title: d.title, info: [d.date, d.genre].filter(Boolean).join(" · "), score: hits.length,
            subs: hits.slice(0, 5).map(function (b) { return { url: d.url + "#" + b.a, label: b.l, excerpt: snippet(b.t, q) }; })
          });
        });
        out.sort(function (a, b) { return b.score - a.score; });
        return Promise.resolve(out);
      }
    };
  }

  /* ------------------------------------------------------------ index entries */
  var entries = ((window.EDITION_SEARCH || {}).entries || []).map(function (e) {
    return { entry: e, stems: words(e.n + " " + e.l).map(stem) };
  });
  function findEntries(query) {
    var q = words(query).map(stem).filter(function (s) { return s.length > 1; });
    if (!q.length) return [];
    return entries.filter(function (x) {
      return q.every(function (s) { return x.stems.some(function (w) { return w.indexOf(s) === 0; }); });
    }).slice(0, 10);
  }
  function showEntries(query) {
    if (!entriesEl) return;
    clear(entriesEl);
    var found = findEntries(query);
    if (!found.length) return;
    entriesEl.appendChild(el("h2", null, "В указателях"));
    var ul = el("ul", { "class": "entry-results" });
    found.forEach(function (x) {
      var li = el("li");
      li.appendChild(el("a", { href: x.entry.u }, x.entry.n));
      li.appendChild(el("span", { "class": "kicker" }, " — " + x.entry.k + (x.entry.l ? "; " + x.entry.l : "")));
      ul.appendChild(li);
    });
    entriesEl.appendChild(ul);
  }

  /* ------------------------------------------------------------ Pagefind engine */
  function safeExcerpt(html) {
    // Pagefind's excerpt is HTML with <mark>; keep the text and the marks, nothing else.
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var frag = document.createDocumentFragment();
    (function walk(node) {
      Array.prototype.forEach.call(node.childNodes, function (c) {
        if (c.nodeType === 3) frag.appendChild(document.createTextNode(c.data));
        else if (c.nodeType === 1 && c.tagName === "MARK") frag.appendChild(el("mark", null, c.textContent));
        else if (c.nodeType === 1) walk(c);
      });
    })(doc.body);
    return frag;
  }
  function pagefindEngine() {
    if (location.protocol === "file:") return Promise.resolve(null);
    var root = new URL(".", document.baseURI);
    return import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
      // a large edition's index comes in several bundles (data-merge-index): one search over all
      var extra = (form.getAttribute("data-merge-index") || "").split(" ").filter(Boolean);
      return Promise.resolve(pf.options({ baseUrl: root.pathname }))
        .then(function () {
          return Promise.all(extra.map(function (path) {
            return pf.mergeIndex(new URL(path, document.baseURI).pathname, { baseUrl: root.pathname });
          }));
        })
        .then(function () { return pf.filters(); })
        .then(function (filters) {
          return {
            name: "pagefind",
            filters: filters,
            search: function (query, chosen) {
              return pf.search(query || null, { filters: chosen }).then(function (r) {
                return Promise.all(r.results.slice(0, 30).map(function (x) { return x.data(); }));
              }).then(function (items) {
                return items.map(function (d) {
                  return { url: d.url, title: (d.meta && d.meta.title) || d.url, info: "", excerpt: safeExcerpt(d.excerpt || ""), subs: [] };
                });
              });
            }
          };
        });
    }).catch(function () { return null; });
  }

  /* ------------------------------------------------------------ the form */
  function fillFilters(filters) {
    selects.forEach(function (select) {
      var values = Object.keys(filters[select.dataset.filter] || {});
      values.sort(function (a, b) { return a.localeCompare(b, "ru"); });
      values.forEach(function (v) { select.appendChild(el("option", { value: v }, v)); });
      select.disabled = values.length === 0;
    });
  }
  function chosenFilters() {
    var f = {};
    selects.forEach(function (s) { if (s.value) f[s.dataset.filter] = s.value; });
    return f;
  }
  function show(results, query) {
    clear(list);
    if (!query && !Object.keys(chosenFilters()).length) { statusEl.textContent = ""; return; }
    statusEl.textContent = results.length ? "Найдено: " + results.length + " " + plural(results.length) + "." : "Ничего не найдено.";
    results.forEach(function (r) {
      var li = el("li");
      var h = el("h2", { "class": "result-title" });
      h.appendChild(el("a", { href: r.url }, r.title));
      li.appendChild(h);
      if (r.info) li.appendChild(el("p", { "class": "kicker" }, r.info));
      if (r.excerpt) { var p = el("p", { "class": "excerpt" }); p.appendChild(r.excerpt); li.appendChild(p); }
      if (r.subs.length) {
        var ul = el("ul", { "class": "sub-results" });
        r.subs.forEach(function (s) {
          var sli = el("li");
          sli.appendChild(el("a", { href: s.url }, s.label));
          sli.appendChild(document.createTextNode(": "));
          sli.appendChild(s.excerpt);
          ul.appendChild(sli);
        });
        li.appendChild(ul);
      }
      list.appendChild(li);
    });
  }
  function run() {
    if (!engine) return;
    var query = input.value.trim();
    var ticket = ++pending;
    showEntries(query);
    engine.search(query, chosenFilters()).then(function (results) {
      if (ticket === pending) show(results, query);
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
  selects.forEach(function (s) { s.addEventListener("change", run); });

  statusEl.textContent = "Загрузка поискового индекса…";
  pagefindEngine().then(function (pf) {
    engine = pf || offlineEngine();
    document.documentElement.setAttribute("data-search-engine", engine ? engine.name : "none");
    if (!engine) { statusEl.textContent = "Поиск недоступен: нет поискового индекса."; return; }
    if (engine.name === "offline") {
      modeEl.className = "hint warning";
      modeEl.textContent = location.protocol === "file:"
        ? "Издание открыто с диска (file://): отсюда браузер не даёт загрузить полнотекстовый индекс Pagefind. "
          + "Работает упрощённый поиск по встроенной копии текстов (с учётом словоформ). Для полного поиска откройте "
          + "издание через веб-сервер, например: python3 -m http.server в папке издания."
        : "Полнотекстовый индекс Pagefind не найден; работает упрощённый поиск по встроенной копии текстов.";
    }
    fillFilters(engine.filters);
    statusEl.textContent = "";
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; }
    if (q) run();
  });
})();
