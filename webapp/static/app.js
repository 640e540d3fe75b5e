// Progressive enhancement only: every feature works without this file.
(function () {
  "use strict";
  var box = document.getElementById("q");
  var main = document.getElementById("main");

  // "/" focuses the search box, as on most search sites.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || !box) return;
    var tag = (document.activeElement && document.activeElement.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  // Kazakh letters for keyboards without them: insert at the cursor.
  var palette = document.querySelector(".palette");
  if (palette && box) {
    palette.hidden = false;
    palette.addEventListener("click", function (event) {
      var letter = event.target && event.target.getAttribute("data-letter");
      if (!letter) return;
      var start = box.selectionStart === null ? box.value.length : box.selectionStart;
      var end = box.selectionEnd === null ? start : box.selectionEnd;
      box.value = box.value.slice(0, start) + letter + box.value.slice(end);
      box.focus();
      box.setSelectionRange(start + letter.length, start + letter.length);
      box.dispatchEvent(new Event("input"));
    });
    // The letters are one Tab stop; the arrow keys move between them.
    var letters = Array.prototype.slice.call(palette.querySelectorAll(".letter"));
    letters.forEach(function (button, i) { button.tabIndex = i === 0 ? 0 : -1; });
    palette.addEventListener("keydown", function (event) {
      var at = letters.indexOf(document.activeElement);
      if (at < 0) return;
      var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      var to = step ? (at + step + letters.length) % letters.length
        : event.key === "Home" ? 0 : event.key === "End" ? letters.length - 1 : -1;
      if (to < 0) return;
      event.preventDefault();
      letters[at].tabIndex = -1;
      letters[to].tabIndex = 0;
      letters[to].focus();
    });
  }

  // The results part of the page: wired again after every instant update.
  function enhance(root) {
    // Changing the sort applies it at once.
    var sort = root.querySelector("#sort");
    if (sort && sort.form) {
      sort.addEventListener("change", function () { sort.form.submit(); });
      var sortButton = sort.form.querySelector("button");
      if (sortButton) sortButton.hidden = true;
    }
    // A ticked or unticked facet applies at once.
    var facets = root.querySelector("#facet-form");
    if (facets) {
      var apply = facets.querySelector(".apply-filters");
      if (apply) apply.hidden = true;
      facets.addEventListener("change", function (event) {
        if (event.target && event.target.type === "checkbox") facets.submit();
      });
    }
    // Search inside the university facet.
    root.querySelectorAll(".facet-search").forEach(function (input) {
      input.hidden = false;
      var items = input.parentNode.querySelectorAll("li");
      input.addEventListener("input", function () {
        var needle = input.value.toLocaleLowerCase();
        items.forEach(function (item) {
          var names = item.textContent + " " + (item.getAttribute("data-names") || "");
          item.hidden = needle && names.toLocaleLowerCase().indexOf(needle) < 0;
        });
      });
    });
  }
  if (main) enhance(main);

  // Instant results: on a results page, typing updates the results without a reload
  // (the same server-rendered page, fetched; the address follows).
  var form = box && box.form;
  if (!form || !main || !main.querySelector("#results")) return;
  var timer = null;
  var pending = null;
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 300);
  });

  function update() {
    var text = box.value.trim();
    if (text.length < 2) return;
    var params = new URLSearchParams(new FormData(form));
    var url = form.action + "?" + params.toString();
    if (pending) pending.abort();
    pending = new AbortController();
    main.setAttribute("aria-busy", "true");
    fetch(url, { signal: pending.signal, headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var next = fresh.getElementById("main");
        if (!next || box.value.trim() !== text) return;
        main.innerHTML = next.innerHTML;
        document.title = fresh.title;
        var locales = document.querySelector(".locales");
        var freshLocales = fresh.querySelector(".locales");
        if (locales && freshLocales) locales.innerHTML = freshLocales.innerHTML;
        history.replaceState(null, "", url);
        enhance(main);
      })
      .catch(function () { /* aborted or offline: the form still submits */ })
      .then(function () { main.removeAttribute("aria-busy"); });
  }
})();
