// The graph page, part 8: the chapters' overview, on the whole graph's page of a blueprint
// big enough to have one: one box per chapter with its progress, an arrow where a chapter
// uses another; a box opens that chapter's graph. "Chapters" and "Whole graph" switch.
(function (G) {
  "use strict";

  var svg = document.getElementById("overview-graph");
  var toChapters = document.getElementById("show-chapters");
  var toAll = document.getElementById("show-all");
  if (!svg || !toChapters || !toAll) return;

  var area = document.querySelector(".graph-area");
  var box = svg.viewBox.baseVal;
  var vp = null;
  var overview = G.overview = { shown: false };

  overview.show = function (on) {
    overview.shown = on;
    svg.toggleAttribute("hidden", !on);  // SVG elements have no `hidden` property
    G.svg.toggleAttribute("hidden", on);
    area.classList.toggle("showing-chapters", on);
    toChapters.setAttribute("aria-pressed", on ? "true" : "false");
    toAll.setAttribute("aria-pressed", on ? "false" : "true");
    if (on) {
      if (!vp) {
        vp = G.viewport(svg, { x: box.x, y: box.y, w: box.width, h: box.height });
        firstView(vp);
      } else {
        vp.resize();
      }
      G.active = vp;
      G.say(svg.querySelectorAll("a.unit").length + " chapters. Open one to see its graph.");
    } else {
      G.active = G.vp;
      G.vp.resize();
      G.refreshLight();
    }
    G.emit("moved");
  };

  // The whole drawing when its labels can be read so, else its top, readably.
  function firstView(view) {
    if (view.readableAtFit()) {
      view.fitAll();
    } else {
      var b = view.bounds;
      var k = G.READABLE;
      view.set(b.x + b.w / 2, 0, k);
      view.flush();
      var top = view.visibleBox();
      view.set(b.x + b.w / 2, b.y + top.h / 2, k);
    }
    view.flush();
  }
  G.firstView = firstView;

  overview.focusFirst = function () {
    var first = svg.querySelector("a.unit");
    if (first) first.focus();
  };

  toChapters.addEventListener("click", function () { overview.show(true); });
  toAll.addEventListener("click", function () { overview.show(false); });
  // A search or a selection is about nodes: the whole graph shows them.
  G.on("searching", function () { if (overview.shown) overview.show(false); });
  G.on("selected", function () { if (overview.shown) overview.show(false); });
  G.filterSelects.concat(G.filterFree ? [G.filterFree] : []).forEach(function (s) {
    s.addEventListener("change", function () { if (overview.shown) overview.show(false); });
  });
  // The focused chapter is brought into view.
  svg.addEventListener("focusin", function (event) {
    var unit = event.target.closest && event.target.closest("a.unit");
    if (unit && vp) {
      var b = unit.querySelector("rect.unit-box");
      vp.reveal({ x: b.x.baseVal.value, y: b.y.baseVal.value, w: b.width.baseVal.value, h: b.height.baseVal.value });
    }
  });
})(window.blueprintGraph);
