/* The edition's small behaviours; the site works without them.
   - "Показать написание источника": shows the source's reading instead of the editor's
     corrections (<sic>/<orig> instead of <corr>/<reg>).
   - "Цитировать": each reference gets this page's full address (the page cannot know where
     it is served from) and today's date as the access date GOST asks for, and a button
     that copies it (with plain spaces: the page's no-break spaces are typography). */
(function () {
  "use strict";
  var toggle = document.querySelector(".toggle-source");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var on = document.body.classList.toggle("show-source");
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.textContent = on ? "Показать исправленный текст" : "Показать написание источника";
    });
  }
  function each(selector, fn) { Array.prototype.forEach.call(document.querySelectorAll(selector), fn); }
  each(".cite-link, .cite-url", function (a) {
    a.textContent = a.href;  // resolved against the page: absolute
  });
  var today = new Date();
  function two(n) { return (n < 10 ? "0" : "") + n; }
  var date = two(today.getDate()) + "." + two(today.getMonth() + 1) + "." + today.getFullYear();
  each(".cite-accessed", function (span) {
    var d = span.querySelector(".cite-date");
    if (d) d.textContent = date;
    span.hidden = false;
  });
  function plain(node) { return node.textContent.replace(/\u00a0/g, " ").replace(/\s+/g, " ").trim(); }
  function copied(button, ok) {
    var status = button.closest(".cite-panel").querySelector(".cite-status");
    var text = ok ? "Ссылка скопирована." : "Не удалось скопировать: выделите текст ссылки вручную.";
    if (status) status.textContent = text;
    button.textContent = ok ? "Скопировано" : "Не скопировано";
    setTimeout(function () { button.textContent = "Копировать"; }, 2000);
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  each(".cite-ref .copy", function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = plain(button.parentNode.querySelector(".cite-text"));
      button.setAttribute("data-copied", text);
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { copied(button, true); },
          function () { copied(button, fallback(text)); }
        );
      } else {
        copied(button, fallback(text));
      }
    });
  });
})();
