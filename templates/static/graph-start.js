// The graph page, part 9: the first view, and the view kept across reloads (watch mode).
//
// First view: the node of the URL's #node-id with its neighbours; else the view saved before
// a reload; else, where labels could not be read with the whole graph in the window, the
// chapters' overview when there is one, or a readable part of the graph (the minimap shows
// where); else the whole graph.
(function (G) {
  "use strict";

  var VIEW_KEY = "blueprint-view";

  function saveView() {
    try {
      sessionStorage.setItem(VIEW_KEY, JSON.stringify({
        page: G.data.page,
        view: { cx: G.vp.cx, cy: G.vp.cy, k: G.vp.k },
        chapters: Boolean(G.overview && G.overview.shown),
        selected: G.state.selected >= 0 ? G.nodes[G.state.selected].id : null,
        focus: G.focusBox.checked,
        filters: G.filterSelects.map(function (s) { return s.value; }),
        free: Boolean(G.filterFree && G.filterFree.checked)
      }));
    } catch (e) {
      // storage disabled: nothing is kept
    }
  }

  function restoreView() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(VIEW_KEY) || "null");
    } catch (e) {
      return false;
    }
    if (!saved || saved.page !== G.data.page || !saved.view) return false;
    var v = saved.view;
    if ([v.cx, v.cy, v.k].every(function (x) { return typeof x === "number" && isFinite(x); }) && v.k > 0) {
      G.vp.set(v.cx, v.cy, v.k);
      G.vp.flush();
    }
    G.focusBox.checked = saved.focus === true;
    if (G.filterFree) G.filterFree.checked = saved.free === true;
    if (Array.isArray(saved.filters)) {
      G.filterSelects.forEach(function (s, j) {
        var value = String(saved.filters[j] || "");
        if (Array.prototype.some.call(s.options, function (o) { return o.value === value; })) s.value = value;
      });
      G.applyFilters(false);
    }
    if (saved.chapters && G.overview && !G.hashId()) G.overview.show(true);
    return true;
  }

  // A readable part of the whole graph: around the node nearest to its centre.
  function readablePart() {
    var b = G.vp.bounds, best = 0, bestDistance = Infinity;
    for (var n = 0; n < G.count; n++) {
      var c = G.nodes[n].box;
      var d = Math.hypot(c[0] - (b.x + b.w / 2), c[1] - (b.y + b.h / 2));
      if (d < bestDistance) { bestDistance = d; best = n; }
    }
    var around = G.box(best);
    G.vp.centreOn(around.x + around.w / 2, around.y + around.h / 2, G.READABLE);
  }

  function firstView() {
    var wanted = new URLSearchParams(location.search).get("view");
    if (G.overview && wanted !== "all" && (wanted === "chapters" || !G.vp.readableAtFit())) {
      G.overview.show(true);
    } else if (G.vp.readableAtFit() || !G.count) {
      G.vp.fitAll();
    } else {
      readablePart();
    }
    G.vp.flush();
  }

  G.on("moved", saveView);
  window.addEventListener("blueprint:beforereload", saveView);
  window.addEventListener("pagehide", saveView);

  if (G.count) G.setRoving(0);
  var restored = restoreView();
  var id = G.hashId();
  if (id !== null && G.indexOf.has(id)) {
    if (!restored) G.vp.fitAll();  // a starting point for the framing below
    G.selectById(id, restored);
  } else if (!restored) {
    firstView();
  }
  G.vp.flush();

  G.ready = performance.now();
  document.documentElement.setAttribute("data-graph-ready", "true");
  window.dispatchEvent(new CustomEvent("blueprint:graph-ready"));
})(window.blueprintGraph);
