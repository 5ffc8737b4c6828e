/* The goals tree's filter: items whose number, title or indicators contain the typed text
 * stay visible (with their parents, opened); the rest are hidden. Without JavaScript the
 * tree is a plain list of <details>. */
(function () {
  "use strict";
  function apply(input) {
    var tree = document.getElementById(input.dataset.treeFilter);
    var status = document.getElementById(input.getAttribute("aria-describedby"));
    var wanted = input.value.trim().toLowerCase();
    var nodes = tree.querySelectorAll("li.tree-node");
    var shown = 0;
    nodes.forEach(function (node) { node.hidden = false; });
    if (!wanted) { status.textContent = ""; return; }
    Array.prototype.slice.call(nodes).reverse().forEach(function (node) {
      var own = (node.dataset.text || "").indexOf(wanted) !== -1;
      var child = node.querySelector("li.tree-node:not([hidden])");
      node.hidden = !own && !child;
      if (!node.hidden) {
        shown += own ? 1 : 0;
        var details = node.querySelector(":scope > details");
        if (details && child) { details.open = true; }
      }
    });
    status.textContent = "Знайдено: " + shown;
  }
  document.querySelectorAll("input[data-tree-filter]").forEach(function (input) {
    input.addEventListener("input", function () { apply(input); });
  });
})();
