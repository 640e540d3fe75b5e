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
  }

  // Kazakh letters for keyboards without them: insert at the cursor.
  var palette = document.querySelector(".palette");
  if (palette && box) {
    palette.hidden = false;
    palette.addEventListener("click", function (event) {
      var letter = event.target && event.target.getAttribute("data-letter");
      if (!letter) return;
      var start = box.selectionStart || box.value.length;
      var end = box.selectionEnd || start;
      box.value = box.value.slice(0, start) + letter + box.value.slice(end);
      box.focus();
      box.setSelectionRange(start + letter.length, start + letter.length);
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
