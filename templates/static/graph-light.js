// The graph page, part 3: hover or select a node to light what it needs (ancestors) and what
// it unlocks (descendants); focus mode shows only those, framed.
//
// Lit nodes and edges move above a veil (one element) instead of every other node being
// faded: the work is proportional to what is lit, not to the size of the graph.
(function (G) {
  "use strict";

  var svg = G.svg;
  var nodeEls = G.nodeEls, edgeEls = G.edgeEls, edgeEnds = G.edgeEnds;
  var lit = [];
  var litEdges = [];
  var nodeLayer = svg.querySelector("g.nodes");
  var edgeLayer = svg.querySelector("g.edges");
  var litNodeLayer = svg.querySelector("g.lit-nodes");
  var litEdgeLayer = svg.querySelector("g.lit-edges");

  function clearLayers() {
    lit.forEach(function (n) {
      nodeEls[n].classList.remove("lit", "ancestor", "descendant", "self");
      nodeLayer.appendChild(nodeEls[n]);
    });
    litEdges.forEach(function (e) {
      edgeEls[e].classList.remove("lit");
      edgeLayer.appendChild(edgeEls[e]);
    });
    lit = [];
    litEdges = [];
    svg.classList.remove("highlighting", "focusing");
  }

  function light(n, focus) {
    G.keepingFocus(clearLayers);
    if (n < 0) return null;
    var up = G.reach(n, G.uses);
    var down = G.reach(n, G.usedBy);
    var side = new Int8Array(G.count); // 1 ancestor, 2 descendant, 3 self
    up.forEach(function (m) { side[m] = 1; nodeEls[m].classList.add("lit", "ancestor"); });
    down.forEach(function (m) { side[m] = 2; nodeEls[m].classList.add("lit", "descendant"); });
    side[n] = 3;
    nodeEls[n].classList.add("lit", "self");
    lit = up.concat(down, [n]);
    for (var e = 0; e < edgeEnds.length; e++) {
      var a = side[edgeEnds[e][0]], b = side[edgeEnds[e][1]];
      var upward = (a === 1 || a === 3) && (b === 1 || b === 3);
      var downward = (a === 2 || a === 3) && (b === 2 || b === 3);
      if ((upward || downward) && !(a === 3 && b === 3)) {
        edgeEls[e].classList.add("lit");
        litEdges.push(e);
      }
    }
    G.keepingFocus(function () {
      lit.forEach(function (m) { litNodeLayer.appendChild(nodeEls[m]); });
      litEdges.forEach(function (e) { litEdgeLayer.appendChild(edgeEls[e]); });
    });
    svg.classList.add(focus ? "focusing" : "highlighting");
    return { up: up.length, down: down.length };
  }

  // Light the hovered node, else the selected one; in focus mode, the selected one only, and
  // with `frame` bring the focus set into view.
  G.refreshLight = function (frame) {
    var selected = G.state.selected, hovered = G.state.hovered;
    var focus = G.focusBox.checked && selected >= 0;
    var target = hovered >= 0 && !focus ? hovered : selected;
    var counts = light(target, focus);
    if (focus) {
      if (frame) G.vp.frame(G.boxOf(lit), G.box(selected));
      G.say(G.nodes[selected].id + ": needs " + counts.up + ", unlocks " + counts.down +
        ". Focus mode: other nodes are hidden.");
    } else if (target >= 0 && counts) {
      G.say(G.nodes[target].id + ": needs " + counts.up + " nodes, unlocks " + counts.down + ".");
    } else {
      G.say(G.resultsText() || G.statusText);
    }
  };

  G.isLit = function (n) { return nodeEls[n].classList.contains("lit"); };

  var hoverFrame = 0;
  svg.addEventListener("pointerover", function (event) {
    var el = event.target.closest && event.target.closest("g.node");
    var n = el ? Number(el.getAttribute("data-i")) : -1;
    if (n === G.state.hovered || G.vp.busy()) return;
    G.state.hovered = n;
    if (!hoverFrame) {
      hoverFrame = requestAnimationFrame(function () { hoverFrame = 0; G.refreshLight(); });
    }
  });
  svg.addEventListener("pointerleave", function () {
    G.state.hovered = -1;
    G.refreshLight();
  });
  G.focusBox.addEventListener("change", function () {
    if (!G.focusBox.checked && G.state.selected >= 0) G.vp.frame(G.boxOf(G.neighbourhood(G.state.selected)), G.box(G.state.selected));
    G.refreshLight(true);
    G.emit("moved");
  });
})(window.blueprintGraph);
