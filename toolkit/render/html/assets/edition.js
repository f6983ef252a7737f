/* The edition's small behaviours; the site works without them.
   - "Показать написание источника": shows the source's reading instead of the editor's
     corrections (<sic>/<orig> instead of <corr>/<reg>).
   - "Цитировать": the citation gets this page's full address. */
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
  var links = document.querySelectorAll(".cite-link");
  for (var i = 0; i < links.length; i++) {
    var a = links[i];
    var url = a.href;  // resolved against the page: absolute
    a.textContent = url;
  }
})();
