// Progressive enhancement only: every feature works without this file.
(function () {
  "use strict";
  var box = document.getElementById("q");

  // "/" focuses the search box, as on most search sites.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || !box) return;
    var tag = (document.activeElement && document.activeElement.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  // Changing the sort applies it at once.
  var sort = document.getElementById("sort");
  if (sort && sort.form) {
    sort.addEventListener("change", function () { sort.form.submit(); });
    var sortButton = sort.form.querySelector("button");
    if (sortButton) sortButton.hidden = true;
  }

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
    });
  }

  // The letters are one Tab stop; the arrow keys move between them.
  if (palette) {
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

  // A ticked or unticked facet applies at once.
  var facets = document.getElementById("facet-form");
  if (facets) {
    var apply = facets.querySelector(".apply-filters");
    if (apply) apply.hidden = true;
    facets.addEventListener("change", function (event) {
      if (event.target && event.target.type === "checkbox") facets.submit();
    });
  }

  // Search inside the university facet.
  document.querySelectorAll(".facet-search").forEach(function (input) {
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
})();
