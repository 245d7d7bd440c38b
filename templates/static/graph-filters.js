// The graph page, part 6: filters by status, chapter and kind (and, with claims from GitHub,
// the tasks free to take). The nodes that do not match
// are dimmed; the ones that do are brought into view and can be gone through one by one.
(function (G) {
  "use strict";

  var nodes = G.nodes, count = G.count;
  var stage = document.getElementById("filter-stage");
  var chapter = document.getElementById("filter-chapter");
  var kind = document.getElementById("filter-kind");
  var free = G.filterFree = document.getElementById("filter-free");  // with claims from GitHub only
  G.filterSelects = [stage, chapter, kind];

  function matching() {
    var st = stage.value, ch = chapter.value, kd = kind.value, fr = Boolean(free && free.checked);
    var found = [];
    for (var n = 0; n < count; n++) {
      var ok = (!st || nodes[n].stage === st) && (!ch || String(nodes[n].chapter) === ch) &&
        (!kd || nodes[n].kind === kd) && (!fr || nodes[n].free === true);
      G.nodeEls[n].classList.toggle("filtered-out", !ok);
      if (ok) found.push(n);
    }
    return found;
  }

  // Apply the filters; `show`: bring what they keep into view.
  G.applyFilters = function (show) {
    var any = Boolean(stage.value || chapter.value || kind.value || (free && free.checked));
    var found = any ? matching() : [];
    if (!any) G.nodeEls.forEach(function (el) { el.classList.remove("filtered-out"); });
    G.svg.classList.toggle("filtering", any);
    if (!G.search.value.trim()) {
      G.setResults(found, any ? "filters" : "");
      if (show && any) G.showResults();
    }
    G.emit("moved");
  };
  G.filterSelects.concat(free ? [free] : []).forEach(function (s) {
    s.addEventListener("change", function () { G.applyFilters(true); });
  });
  // Clearing the search gives the filters' matches back.
  G.on("search-cleared", function () { G.applyFilters(false); });

  var viewSelect = document.getElementById("view-select");
  if (viewSelect) {
    viewSelect.addEventListener("change", function () { location.href = viewSelect.value; });
  }

  // On a narrow screen the filters fold behind one button.
  var more = document.getElementById("more-tools");
  var tools = document.getElementById("more");
  more.addEventListener("click", function () {
    var open = more.getAttribute("aria-expanded") !== "true";
    more.setAttribute("aria-expanded", open ? "true" : "false");
    tools.classList.toggle("open", open);
  });
})(window.blueprintGraph);
