// The graph page, part 7: the keyboard. One node at a time is in the tab order (a roving
// tabindex); arrows move to the nearest node in that direction, within 45 degrees of it (so
// that a move right then down never goes back left), and the opposite arrow back to where
// the last move came from; the focused node is zoomed to until its label can be read. The skip link at the top
// of the page lands on that node.
(function (G) {
  "use strict";

  var roving = 0;

  G.setRoving = function (n) {
    if (G.nodeEls[roving]) G.nodeEls[roving].setAttribute("tabindex", "-1");
    roving = n;
    G.nodeEls[n].setAttribute("tabindex", "0");
  };

  function centre(n) {
    var b = G.nodes[n].box;
    return [b[0], b[1]];
  }

  function usable(n) {
    if (G.svg.classList.contains("focusing")) return G.isLit(n);
    return true;
  }

  // The nearest node from `from` in direction (dx, dy): first within 45 degrees of it, else
  // anywhere on that side, the distance across counting three times the distance along.
  G.nearest = function (from, dx, dy) {
    var a = centre(from);
    var best = -1, bestCost = Infinity, wide = -1, wideCost = Infinity;
    for (var n = 0; n < G.count; n++) {
      if (n === from || !usable(n)) continue;
      var b = centre(n);
      var along = (b[0] - a[0]) * dx + (b[1] - a[1]) * dy;
      if (along <= 0) continue;
      var across = Math.abs((b[0] - a[0]) * dy - (b[1] - a[1]) * dx);
      var cost = along + 3 * across;
      if (across < along) {
        if (cost < bestCost) { bestCost = cost; best = n; }
      } else if (cost < wideCost) {
        wideCost = cost;
        wide = n;
      }
    }
    return best >= 0 ? best : wide;
  };

  G.focusNode = function (n) {
    G.setRoving(n);
    G.nodeEls[n].focus({ preventScroll: true });
  };

  var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  var OPPOSITE = { ArrowLeft: "ArrowRight", ArrowRight: "ArrowLeft", ArrowUp: "ArrowDown", ArrowDown: "ArrowUp" };
  var last = null;
  G.svg.addEventListener("keydown", function (event) {
    var el = event.target.closest && event.target.closest("g.node");
    if (!el) return;
    var n = Number(el.getAttribute("data-i"));
    if (ARROWS[event.key]) {
      event.preventDefault();
      var next = G.nearest(n, ARROWS[event.key][0], ARROWS[event.key][1]);
      // the opposite key undoes the last move, whatever is nearest on the way back
      if (last && last.to === n && OPPOSITE[last.key] === event.key) next = last.from;
      if (next >= 0) {
        last = { from: n, to: next, key: event.key };
        G.focusNode(next);
      }
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      G.setHash(n);
      if (G.state.selected !== n) G.select(n);
    }
  });
  G.svg.addEventListener("focusin", function (event) {
    var el = event.target.closest && event.target.closest("g.node");
    var n = el ? Number(el.getAttribute("data-i")) : -1;
    if (n < 0) return;
    G.setRoving(n);
    G.vp.reveal(G.box(n));
    G.emit("moved");
    if (n !== G.state.hovered) {
      G.state.hovered = n;
      G.refreshLight();
    }
  });
  // Leaving the graph with the keyboard ends the highlight of the node that had the focus.
  G.svg.addEventListener("focusout", function (event) {
    if (G.moving || G.svg.contains(event.relatedTarget)) return;
    if (G.state.hovered >= 0 && G.state.hovered === G.indexOf.get(event.target.getAttribute("data-id"))) {
      G.state.hovered = -1;
      G.refreshLight();
    }
  });

  // The skip link: straight to the graph (the node in the tab order, or the first chapter).
  var skip = document.getElementById("skip-to-graph");
  if (skip) {
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      if (G.overview && G.overview.shown) G.overview.focusFirst();
      else if (G.count) G.focusNode(roving);
    });
  }

  document.addEventListener("keydown", function (event) {
    var t = event.target;
    var typing = /^(SELECT|TEXTAREA)$/.test(t.tagName) ||
      t.tagName === "INPUT" && t.type !== "checkbox";
    if (event.key === "Escape" && !typing) {
      if (G.focusBox.checked) {
        G.focusBox.checked = false;
        G.focusBox.dispatchEvent(new Event("change"));
      } else if (G.state.selected >= 0) {
        G.closePanel();
      }
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/") { event.preventDefault(); G.search.focus(); }
    else if (event.key === "f") { G.focusBox.checked = !G.focusBox.checked; G.focusBox.dispatchEvent(new Event("change")); }
    else if (event.key === "+" || event.key === "=") { G.active.zoomCentre(1.4); G.emit("moved"); }
    else if (event.key === "-") { G.active.zoomCentre(1 / 1.4); G.emit("moved"); }
    else if (event.key === "0") { G.active.fitAll(); G.emit("moved"); }
  });
})(window.blueprintGraph);
