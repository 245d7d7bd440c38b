// The graph page, part 1 of 9: the namespace the others share, window.blueprintGraph (G).
//
// The page's script is split by job into graph-core, -view (pan, zoom, framing, the minimap),
// -light (highlight and focus), -panel (selection and the side panel), -search (search and the
// list of matches), -filters, -keys (keyboard), -overview (the chapters) and -start (first
// view, saved view). They are plain scripts that graph.html loads in that order, each adding
// to G: the site must open from file://, where a browser fetches no ES module.
//
// Scale: one listener per kind of event on the whole SVG (never one per node), the graph as
// index arrays embedded once in #nodes-data, and class changes only on the nodes that change.
// Safety: text from the user's files reaches the page only as textContent or inside the
// templates the build escaped; nodes are looked up in arrays and maps, never by selectors.
(function () {
  "use strict";

  var G = window.blueprintGraph = {};
  var svg = G.svg = document.getElementById("graph");
  var data = G.data = JSON.parse(document.getElementById("nodes-data").textContent);
  var nodes = G.nodes = data.nodes;
  var count = G.count = nodes.length;

  G.state = { selected: -1, hovered: -1 };
  G.focusBox = document.getElementById("focus");
  G.statusLine = document.getElementById("graph-status");
  G.statusText = G.statusLine.textContent;

  // ------------------------------------------------------------ the graph as arrays

  var indexOf = G.indexOf = new Map();
  var uses = G.uses = new Array(count);
  var usedBy = G.usedBy = new Array(count);
  var i;
  for (i = 0; i < count; i++) {
    indexOf.set(nodes[i].id, i);
    uses[i] = nodes[i].uses;
    usedBy[i] = [];
  }
  for (i = 0; i < count; i++) {
    for (var k = 0; k < uses[i].length; k++) usedBy[uses[i][k]].push(i);
  }

  var nodeEls = G.nodeEls = new Array(count);
  svg.querySelectorAll("g.node").forEach(function (el) {
    nodeEls[Number(el.getAttribute("data-i"))] = el;
  });
  G.edgeEls = [];
  G.edgeEnds = [];
  svg.querySelectorAll("g.edge").forEach(function (el) {
    var s = indexOf.get(el.getAttribute("data-source"));
    var t = indexOf.get(el.getAttribute("data-target"));
    if (s !== undefined && t !== undefined) {
      G.edgeEls.push(el);
      G.edgeEnds.push([s, t]);
    }
  });
  G.templates = new Array(count);
  document.querySelectorAll("#node-panels template").forEach(function (t) {
    G.templates[Number(t.getAttribute("data-i"))] = t;
  });

  // Everything reachable from `start` along `next` (uses: ancestors, usedBy: descendants).
  G.reach = function (start, next) {
    var seen = new Uint8Array(count);
    var stack = [start];
    var found = [];
    seen[start] = 1;
    while (stack.length) {
      var n = stack.pop();
      var list = next[n];
      for (var j = 0; j < list.length; j++) {
        var m = list[j];
        if (!seen[m]) {
          seen[m] = 1;
          found.push(m);
          stack.push(m);
        }
      }
    }
    return found;
  };

  // A node and the nodes it uses and is used by directly.
  G.neighbourhood = function (n) {
    return [n].concat(uses[n], usedBy[n]);
  };

  // Where node n is drawn, from the build's layout (no DOM read): left, top, width, height.
  G.box = function (n) {
    var b = nodes[n].box;
    return { x: b[0] - b[2] / 2, y: b[1] - b[3] / 2, w: b[2], h: b[3] };
  };

  G.boxOf = function (list) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    list.forEach(function (n) {
      var b = G.box(n);
      x0 = Math.min(x0, b.x);
      y0 = Math.min(y0, b.y);
      x1 = Math.max(x1, b.x + b.w);
      y1 = Math.max(y1, b.y + b.h);
    });
    return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  };

  G.say = function (text) {
    G.statusLine.textContent = text;
  };

  // Moving an element out of the document takes the keyboard focus away: give it back.
  G.moving = false;  // true while nodes change layers (their blur is not the user's)
  G.keepingFocus = function (move) {
    var active = document.activeElement;
    G.moving = true;
    try {
      move();
    } finally {
      G.moving = false;
    }
    if (active && active !== document.activeElement && svg.contains(active)) {
      active.focus({ preventScroll: true });
    }
  };

  // ------------------------------------------------------------ events between the parts

  var handlers = {};
  G.on = function (name, handler) {
    (handlers[name] = handlers[name] || []).push(handler);
  };
  G.emit = function (name, value) {
    (handlers[name] || []).forEach(function (handler) { handler(value); });
  };
})();
