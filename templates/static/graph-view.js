// The graph page, part 2: pan and zoom, framing what the user looks at so that its labels can
// be read, and the minimap ("you are here") when zoomed in.
//
// A view is a scale k (screen pixels per layout unit) and the layout point (cx, cy) shown at
// the centre of the drawing area; the SVG's viewBox follows from them and from the area's
// size, written at most once per frame. Labels are 12 units high: below READABLE they are
// hard to read, and when they would be a few pixels high they are not drawn at all.
(function (G) {
  "use strict";

  var READABLE = 11 / 12;  // labels 11 px high
  var LARGEST = 2;         // framing never zooms in further than this
  var LABELS = 4 / 12;     // below this scale labels are not drawn (they would be 4 px)
  var MARGIN = 0.5;        // what is drawn beyond the window, on each side, in window sizes
  var ALL_DRAWN = 500;     // a graph of at most so many nodes is in the SVG whole (cheap)
  var canvas = document.querySelector(".canvas");
  G.READABLE = READABLE;

  // Where the drawing area is, kept until its size changes (reading it would make the browser
  // lay the page out there and then, after every change of classes on thousands of nodes).
  var known = null;
  function canvasRect() {
    if (!known) {
      var r = canvas.getBoundingClientRect();
      known = { left: r.left, top: r.top, width: r.width, height: r.height, right: r.right, bottom: r.bottom };
    }
    return known;
  }
  if (window.ResizeObserver) new ResizeObserver(function () { known = null; }).observe(canvas);
  window.addEventListener("resize", function () { known = null; });
  window.addEventListener("scroll", function () { known = null; }, { passive: true });
  var sheets = window.matchMedia("(max-width: 800px)");  // as in site.css

  // The part of the drawing area the user sees: on a phone the panel, a bottom sheet,
  // covers the bottom of it.
  function visibleArea() {
    var rect = canvasRect();
    var area = { left: rect.left, top: rect.top, width: rect.width, height: rect.height, rect: rect };
    var panel = document.getElementById("panel");
    if (sheets.matches && panel && !panel.hidden) {
      var sheet = panel.getBoundingClientRect();
      if (sheet.top > rect.top && sheet.top < rect.bottom) area.height = sheet.top - rect.top;
    }
    return area;
  }

  // A pannable, zoomable SVG whose drawing spans `bounds` (layout units).
  G.viewport = function (svg, bounds) {
    var vp = { svg: svg, bounds: bounds, cx: bounds.x + bounds.w / 2, cy: bounds.y + bounds.h / 2, k: 1, lastGesture: -Infinity };
    var frame = 0;
    var size = { width: 1, height: 1 };
    var smallest = 0.01;
    // The SVG element shows the view and a margin around it (MARGIN of its size on each side)
    // at the scale it was drawn at, placed by a CSS transform. Panning moves it as a picture
    // (no new rendering of its nodes, so frames are short), zooming scales the picture; the
    // drawing is made again, for the new view, when the gesture pauses or runs past the
    // margin. What is drawn is bounded by the window's size, not by the graph's.
    var drawn = null;  // {k, x, y, w, h}: the scale and the layout region of the drawing
    var pause = 0;
    var live = false;

    function measure() {
      known = null;
      var rect = canvasRect();
      size = { width: Math.max(rect.width, 1), height: Math.max(rect.height, 1) };
      smallest = Math.min(vp.fitScale(bounds) / 2, READABLE);
      drawn = null;
    }

    function draw() {
      var width = size.width * (1 + 2 * MARGIN), height = size.height * (1 + 2 * MARGIN);
      drawn = { k: vp.k, w: width / vp.k, h: height / vp.k };
      drawn.x = vp.cx - drawn.w / 2;
      drawn.y = vp.cy - drawn.h / 2;
      svg.setAttribute("viewBox", [drawn.x, drawn.y, drawn.w, drawn.h].map(round).join(" "));
      svg.style.width = round(width) + "px";
      svg.style.height = round(height) + "px";
      svg.classList.toggle("far", vp.k < LABELS);
      if (vp.onDraw) vp.onDraw(drawn);
    }

    function covered() {  // the view lies inside what is drawn
      var w = size.width / vp.k, h = size.height / vp.k;
      var left = vp.cx - w / 2, top = vp.cy - h / 2;
      return left >= drawn.x && top >= drawn.y && left + w <= drawn.x + drawn.w && top + h <= drawn.y + drawn.h;
    }

    function offCentre() {  // half the margin used up: drawn again once the gesture ends
      var dx = Math.abs(vp.cx - (drawn.x + drawn.w / 2)) * vp.k;
      var dy = Math.abs(vp.cy - (drawn.y + drawn.h / 2)) * vp.k;
      return dx > size.width * MARGIN / 2 || dy > size.height * MARGIN / 2;
    }

    function write() {
      frame = 0;
      if (!drawn || !covered() || (!live && (drawn.k !== vp.k || offCentre()))) draw();
      var s = vp.k / drawn.k;
      var tx = size.width / 2 - (vp.cx - drawn.x) * vp.k;
      var ty = size.height / 2 - (vp.cy - drawn.y) * vp.k;
      svg.style.transform = "translate(" + round(tx) + "px," + round(ty) + "px)" + (s === 1 ? "" : " scale(" + s + ")");
      G.emit("view", vp);
    }

    function round(v) { return Math.round(v * 100) / 100; }

    vp.apply = function () {
      if (!frame) frame = requestAnimationFrame(write);
    };
    vp.flush = function () {  // write now (tests and the first view read the result at once)
      if (frame) cancelAnimationFrame(frame);
      write();
    };
    vp.resize = function () {
      measure();
      vp.settle();
    };
    // Draw again at the current scale (the end of a gesture).
    vp.settle = function () {
      clearTimeout(pause);
      live = false;
      vp.flush();
    };

    // Show the layout point (cx, cy) at the centre, at scale k; `gesture`: during a gesture.
    vp.set = function (cx, cy, k, gesture) {
      vp.cx = cx;
      vp.cy = cy;
      vp.k = Math.min(Math.max(k, smallest), 8);
      clearTimeout(pause);
      live = Boolean(gesture);
      if (live) {
        vp.lastGesture = performance.now();
        pause = setTimeout(vp.settle, 150);
      }
      vp.apply();
    };

    // The scale at which `box` fills the visible area, with a margin.
    vp.fitScale = function (box) {
      var area = visibleArea();
      var pad = Math.min(40, area.width / 10);
      return Math.min((area.width - 2 * pad) / Math.max(box.w, 1), (area.height - 2 * pad) / Math.max(box.h, 1));
    };

    // Centre the layout point (x, y) in the visible area at scale k.
    vp.centreOn = function (x, y, k) {
      var area = visibleArea();
      var dx = area.left + area.width / 2 - (area.rect.left + area.rect.width / 2);
      var dy = area.top + area.height / 2 - (area.rect.top + area.rect.height / 2);
      vp.set(x - dx / k, y - dy / k, k);
    };

    // Frame `box`: all of it when its labels can be read so, else at a readable scale around
    // `anchor` (a box inside it; its centre by default). Never zooms in past LARGEST.
    vp.frame = function (box, anchor) {
      var k = Math.min(vp.fitScale(box), LARGEST);
      var centre = box;
      if (k < READABLE) {
        k = READABLE;
        centre = anchor || box;
      }
      vp.centreOn(centre.x + centre.w / 2, centre.y + centre.h / 2, k);
    };

    vp.fitAll = function () {
      vp.centreOn(bounds.x + bounds.w / 2, bounds.y + bounds.h / 2, vp.fitScale(bounds));
    };
    vp.readableAtFit = function () { return vp.fitScale(bounds) >= READABLE; };

    // The layout box in view (the visible area only).
    vp.visibleBox = function () {
      var area = visibleArea();
      var left = vp.cx - (size.width / 2 - (area.left - area.rect.left)) / vp.k;
      var top = vp.cy - (size.height / 2 - (area.top - area.rect.top)) / vp.k;
      return { x: left, y: top, w: area.width / vp.k, h: area.height / vp.k };
    };
    vp.shows = function (box) {
      var v = vp.visibleBox();
      return box.x >= v.x && box.y >= v.y && box.x + box.w <= v.x + v.w && box.y + box.h <= v.y + v.h;
    };
    vp.showsAll = function () { return vp.shows(bounds); };

    // Bring `box` into view if it is not, or not readably: frame it (see frame).
    vp.reveal = function (box, anchor) {
      if (vp.k >= READABLE && vp.shows(box)) return;
      vp.frame(box, anchor);
    };

    vp.zoomAt = function (factor, clientX, clientY, live) {
      var rect = canvasRect();
      var k = Math.min(Math.max(vp.k * factor, smallest), 8);
      var px = clientX - rect.left - rect.width / 2, py = clientY - rect.top - rect.height / 2;
      // the layout point under the pointer stays under it
      vp.set(vp.cx + px / vp.k - px / k, vp.cy + py / vp.k - py / k, k, live);
    };
    vp.zoomCentre = function (factor) {
      var rect = canvasRect();
      vp.zoomAt(factor, rect.left + rect.width / 2, rect.top + rect.height / 2);
    };
    vp.panBy = function (dx, dy) {
      vp.set(vp.cx - dx / vp.k, vp.cy - dy / vp.k, vp.k, true);
    };

    measure();
    window.addEventListener("resize", vp.resize);
    listen(vp);
    return vp;
  };

  // Wheel, drag and pinch on the viewport's SVG. A tap (no drag) on an element calls
  // vp.onTap(target) on pointerup over the element it went down on: a click may never come
  // (highlighting moves the node above the veil between the two).
  function listen(vp) {
    var svg = vp.svg;
    var pointers = new Map();
    var drag = null, pinch = null, downTarget = null, suppressClick = false;
    // The listeners are on the drawing area, which the SVG does not always cover; only the
    // viewport on show acts.
    function on(type, handler, options) {
      canvas.addEventListener(type, function (event) {
        if (G.active === vp) handler(event);
      }, options);
    }

    on("wheel", function (event) {
      event.preventDefault();
      var step = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      vp.zoomAt(Math.exp(-Math.max(-1, Math.min(1, step / 300))), event.clientX, event.clientY, true);
      G.emit("moved");
    }, { passive: false });

    // A mouse press on the drawing starts no text selection and focuses no node. The browser
    // updates a selection after every frame in which the drawing moves under the pressed
    // button, and that paints the whole drawing again: each frame of a drag cost a new raster
    // of everything in view (tenths of a second at 600 nodes). And a press to drag is no
    // request to zoom to the node under it, as focusing it would (a tap focuses, see onTap).
    // What had the focus loses it, as it would (the search box: keys act on the graph again).
    on("mousedown", function (event) {
      if (event.button !== 0) return;
      event.preventDefault();
      var active = document.activeElement;
      if (active && active !== document.body && !active.contains(event.target)) active.blur();
    });

    on("pointerdown", function (event) {
      if (event.button !== 0 && event.pointerType === "mouse") return;
      if (event.target.closest && event.target.closest(".minimap")) return;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      downTarget = event.target;
      suppressClick = false;
      if (pointers.size === 1) {
        drag = { x: event.clientX, y: event.clientY, moved: false };
      } else if (pointers.size === 2) {
        var p = Array.from(pointers.values());
        pinch = { d: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) };
        drag = null;
      }
    });
    on("pointermove", function (event) {
      if (!pointers.has(event.pointerId)) return;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pinch && pointers.size === 2) {
        var p = Array.from(pointers.values());
        var d = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
        if (d > 0 && pinch.d > 0) vp.zoomAt(d / pinch.d, (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2, true);
        pinch.d = d;
        return;
      }
      if (!drag) return;
      var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!drag.moved) {
        drag.moved = true;
        canvas.classList.add("dragging");
        canvas.setPointerCapture(event.pointerId);
      }
      vp.panBy(dx, dy);
      drag.x = event.clientX;
      drag.y = event.clientY;
    });
    function end(event) {
      if (event.type === "pointerup" && pointers.size === 1 && downTarget && !(drag && drag.moved) &&
          vp.onTap && vp.onTap(downTarget, event.target)) {
        suppressClick = true;
      }
      downTarget = null;
      pointers.delete(event.pointerId);
      if (pointers.size < 2) pinch = null;
      if (pointers.size === 0) {
        canvas.classList.remove("dragging");
        if (drag && drag.moved) {
          suppressClick = true;
          vp.lastGesture = performance.now();
        }
        drag = null;
        G.emit("moved");
      }
    }
    on("pointerup", end);
    on("pointercancel", end);
    // A tap already did its work; a drag that ends over a link must not follow it.
    svg.addEventListener("click", function (event) {
      if (suppressClick) {
        suppressClick = false;
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    }, true);
    // During a gesture and just after it, hovering lights nothing: lighting a node draws the
    // graph again, which would make the frames of the gesture long.
    vp.busy = function () {
      return Boolean(drag && drag.moved) || performance.now() - vp.lastGesture < 300;
    };
  }

  // ------------------------------------------------------------ the whole graph's viewport

  var box = G.svg.viewBox.baseVal;
  G.vp = G.viewport(G.svg, { x: box.x, y: box.y, w: box.width, h: box.height });
  G.active = G.vp;  // the viewport the zoom buttons and keys act on (see graph-overview)

  // ------------------------------------------------------------ what is drawn

  // Only the nodes and edges in the drawn region (the view and its margin) are in the SVG.
  // The others wait in a hidden element beside it, where selectors find them and their
  // classes change as usual, but the browser neither styles, lays out, paints nor hit-tests
  // them. (Hiding them inside the SVG would not do: the browser lays out the content of a
  // group with display: none all the same.) So a draw, a highlight or a filter costs what
  // a window holds, whatever the size of the graph. The node in the tab order stays in the
  // SVG wherever the view goes: the keyboard must reach it. Inside the SVG a node is in the
  // lit layer or the plain one (see graph-light). A small graph is in the SVG whole.
  // At first every node waits: the layers the build wrote move out whole (two moves, not
  // thousands), empty ones take their place, and the first draw brings in what it shows.
  var away = document.createElement("div");
  away.hidden = true;
  away.className = "graph-away";
  G.svg.parentNode.insertBefore(away, G.svg.nextSibling);
  var layers = {
    nodes: G.svg.querySelector("g.nodes"),
    edges: G.svg.querySelector("g.edges"),
    litNodes: G.svg.querySelector("g.lit-nodes"),
    litEdges: G.svg.querySelector("g.lit-edges")
  };
  var awayNodes = layers.nodes, awayEdges = layers.edges;
  ["edges", "nodes"].forEach(function (name) {
    var layer = document.createElementNS("http://www.w3.org/2000/svg", "g");
    layer.setAttribute("class", name);
    G.svg.insertBefore(layer, layers[name]);
    away.appendChild(layers[name]);
    layers[name] = layer;
  });
  var edgeBoxes = G.data.edges;
  var nodeIn = new Uint8Array(G.count);
  var edgeIn = new Uint8Array(G.edgeEls.length);
  G.litNode = new Uint8Array(G.count);
  G.litEdge = new Uint8Array(G.edgeEls.length);
  var kept = -1;

  // Put node n (edge e) where it belongs now.
  G.placeNode = function (n) {
    var home = !nodeIn[n] ? awayNodes : G.litNode[n] ? layers.litNodes : layers.nodes;
    if (G.nodeEls[n].parentNode !== home) home.appendChild(G.nodeEls[n]);
  };
  G.placeEdge = function (e) {
    var home = !edgeIn[e] ? awayEdges : G.litEdge[e] ? layers.litEdges : layers.edges;
    if (G.edgeEls[e].parentNode !== home) home.appendChild(G.edgeEls[e]);
  };

  G.vp.onDraw = function (drawn) {
    if (G.count <= ALL_DRAWN) drawn = G.vp.bounds;
    var x0 = drawn.x, y0 = drawn.y, x1 = drawn.x + drawn.w, y1 = drawn.y + drawn.h;
    for (var n = 0; n < G.count; n++) {
      var b = G.nodes[n].box;  // centre, width, height
      var inside = n === kept || (b[0] + b[2] / 2 >= x0 && b[0] - b[2] / 2 <= x1 &&
        b[1] + b[3] / 2 >= y0 && b[1] - b[3] / 2 <= y1) ? 1 : 0;
      if (inside !== nodeIn[n]) {
        nodeIn[n] = inside;
        G.placeNode(n);
      }
    }
    for (var e = 0; e < G.edgeEls.length; e++) {
      var c = edgeBoxes[e];  // left, top, right, bottom
      var crosses = c[2] >= x0 && c[0] <= x1 && c[3] >= y0 && c[1] <= y1 && clip(e, x0, y0, x1, y1) ? 1 : 0;
      if (crosses !== edgeIn[e]) {
        edgeIn[e] = crosses;
        G.placeEdge(e);
      }
    }
  };

  // An edge is drawn only where it crosses the drawn region: the browser makes the dashes of
  // a dashed path over its whole length, for each tile it paints, and the layouts of big
  // graphs draw edges across much of the graph (seconds of painting at 5,000 nodes; at 634,
  // brownian-motion's, a third less painting for each new drawing at scale 1). The pieces of
  // a path (dot's: a move then cubic Béziers, straight ones with its fast settings; the
  // layered layout's: lines) out of the region are left out, a straight piece is cut at its
  // border, and the dashes start where they would on the whole path. False: the edge misses
  // the region.
  var pieces = new Array(G.edgeEls.length);  // per edge: {path, d, parts} or false
  function piecesOf(e) {
    if (pieces[e] !== undefined) return pieces[e];
    var path = G.edgeEls[e].querySelector("path");
    var d = path ? path.getAttribute("d") : "";
    var tokens = d.match(/[MLC]|-?[\d.]+/g) || [];
    var parts = [], at = null, command = "";
    for (var i = 0; i < tokens.length;) {
      if (/[MLC]/.test(tokens[i])) command = tokens[i++];
      var count = command === "C" ? 6 : 2;
      var numbers = tokens.slice(i, i + count).map(Number);
      i += count;
      if (numbers.length < count || numbers.some(isNaN)) return (pieces[e] = false);
      if (command === "M") at = numbers;
      else if (at) {
        parts.push(part(at.concat(numbers)));
        at = numbers.slice(-2);
      }
    }
    return (pieces[e] = parts.length ? { path: path, d: d, current: d, parts: parts } : false);
  }
  // A piece: its points, whether it is straight, its box and its length.
  function part(p) {
    var straight = p.length === 4 || (collinear(p, 2) && collinear(p, 4));
    var xs = p.filter(function (_, j) { return j % 2 === 0; });
    var ys = p.filter(function (_, j) { return j % 2 === 1; });
    var length = 0;
    if (straight) {
      p = [p[0], p[1], p[p.length - 2], p[p.length - 1]];
      length = Math.hypot(p[2] - p[0], p[3] - p[1]);
    } else {
      for (var t = 1, last = [p[0], p[1]]; t <= 24; t++) {
        var u = t / 24, v = 1 - u;
        var x = v * v * v * p[0] + 3 * v * v * u * p[2] + 3 * v * u * u * p[4] + u * u * u * p[6];
        var y = v * v * v * p[1] + 3 * v * v * u * p[3] + 3 * v * u * u * p[5] + u * u * u * p[7];
        length += Math.hypot(x - last[0], y - last[1]);
        last = [x, y];
      }
    }
    return { p: p, straight: straight, box: [Math.min.apply(null, xs), Math.min.apply(null, ys),
      Math.max.apply(null, xs), Math.max.apply(null, ys)], length: length };
  }
  function collinear(p, j) {  // point j/2 of a cubic lies on the chord
    var dx = p[6] - p[0], dy = p[7] - p[1];
    return Math.abs((p[j] - p[0]) * dy - (p[j + 1] - p[1]) * dx) <= 0.5 * Math.hypot(dx, dy);
  }
  // The part [t0, t1] of a straight piece inside the region, or null.
  function cut(q, x0, y0, x1, y1) {
    var dx = q.p[2] - q.p[0], dy = q.p[3] - q.p[1], t0 = 0, t1 = 1;
    var sides = [[-dx, q.p[0] - x0], [dx, x1 - q.p[0]], [-dy, q.p[1] - y0], [dy, y1 - q.p[1]]];
    for (var j = 0; j < 4; j++) {  // Liang-Barsky
      var a = sides[j][0], b = sides[j][1];
      if (a === 0) {
        if (b < 0) return null;
      } else if (a < 0) {
        t0 = Math.max(t0, b / a);
      } else {
        t1 = Math.min(t1, b / a);
      }
    }
    return t0 < t1 ? [t0, t1] : null;
  }
  function clip(e, x0, y0, x1, y1) {
    var edge = piecesOf(e);
    if (!edge) return true;
    var parts = edge.parts, first = -1, last = -1, spans = [];
    for (var j = 0; j < parts.length; j++) {
      var q = parts[j], b = q.box;
      spans[j] = q.straight ? cut(q, x0, y0, x1, y1) :
        b[2] >= x0 && b[0] <= x1 && b[3] >= y0 && b[1] <= y1 ? [0, 1] : null;
      if (spans[j]) {
        if (first < 0) first = j;
        last = j;
      }
    }
    if (first < 0) return false;
    var skipped = 0;
    for (j = 0; j < first; j++) skipped += parts[j].length;
    var d = "";
    for (j = first; j <= last; j++) {
      q = parts[j];
      var t0 = j === first && q.straight ? spans[j][0] : 0;
      var t1 = j === last && q.straight ? spans[j][1] : 1;
      if (j === first) {
        skipped += t0 * q.length;
        d = "M" + point(q.p, 0, t0);
      }
      d += q.straight ? " L" + point(q.p, 0, t1) :
        " C" + point(q.p, 2, 0) + " " + point(q.p, 4, 0) + " " + point(q.p, 6, 0);
    }
    if (first === 0 && last === parts.length - 1 && !skipped && spans[last][1] === 1) d = edge.d;
    if (d !== edge.current) {
      edge.current = d;
      edge.path.setAttribute("d", d);
      edge.path.style.strokeDashoffset = skipped ? round1(skipped) + "px" : "";
    }
    return true;
  }
  // Point j/2 of a piece's points; with t, the point at t along a straight piece.
  function point(p, j, t) {
    var x = t ? p[0] + t * (p[2] - p[0]) : p[j], y = t ? p[1] + t * (p[3] - p[1]) : p[j + 1];
    return round1(x) + "," + round1(y);
  }
  function round1(v) { return Math.round(v * 10) / 10; }

  // Keep node n in the SVG wherever the view goes (the node in the tab order).
  G.keepDrawn = function (n) {
    kept = n;
    if (!nodeIn[n]) {
      nodeIn[n] = 1;
      G.placeNode(n);
    }
  };

  document.getElementById("fit").addEventListener("click", function () { G.active.fitAll(); G.emit("moved"); });
  document.getElementById("zoom-in").addEventListener("click", function () { G.active.zoomCentre(1.4); G.emit("moved"); });
  document.getElementById("zoom-out").addEventListener("click", function () { G.active.zoomCentre(1 / 1.4); G.emit("moved"); });

  // ------------------------------------------------------------ minimap

  // The whole graph in small, the nodes of the current matches marked, and a frame around
  // what is in view; shown only when the view does not hold the whole graph. Clicking or
  // dragging on it moves the view there.
  var map = document.getElementById("minimap");
  var mapCtx = map.getContext && map.getContext("2d");
  var base = null;
  var marked = [];
  var mapScale = 1, mapX = 0, mapY = 0;
  var colours = null;

  function drawBase() {
    var ratio = window.devicePixelRatio || 1;
    var b = G.vp.bounds;
    var width = 180, height = Math.round(Math.min(120, Math.max(40, 180 * b.h / b.w)));
    map.style.width = width + "px";
    map.style.height = height + "px";
    map.width = width * ratio;
    map.height = height * ratio;
    mapScale = Math.min(width / b.w, height / b.h) * ratio;
    mapX = (map.width - b.w * mapScale) / 2 - b.x * mapScale;
    mapY = (map.height - b.h * mapScale) / 2 - b.y * mapScale;
    base = document.createElement("canvas");
    base.width = map.width;
    base.height = map.height;
    var ctx = base.getContext("2d");
    var style = getComputedStyle(map);
    colours = {
      mark: style.getPropertyValue("--mark").trim() || "#d00",
      frame: style.getPropertyValue("--frame").trim() || "#1a5fb4"
    };
    ctx.fillStyle = style.color || "#888";
    for (var n = 0; n < G.count; n++) {
      var nb = G.box(n);
      ctx.fillRect(mapX + nb.x * mapScale, mapY + nb.y * mapScale, Math.max(1, nb.w * mapScale), Math.max(1, nb.h * mapScale));
    }
  }

  function drawMap() {
    if (!mapCtx) return;
    var show = G.active === G.vp && !G.vp.showsAll();
    map.hidden = !show;
    if (!show) return;
    if (!base) drawBase();
    mapCtx.clearRect(0, 0, map.width, map.height);
    mapCtx.drawImage(base, 0, 0);
    mapCtx.fillStyle = colours.mark;
    marked.forEach(function (n) {
      var nb = G.box(n);
      mapCtx.fillRect(mapX + nb.x * mapScale - 1, mapY + nb.y * mapScale - 1, Math.max(3, nb.w * mapScale), Math.max(3, nb.h * mapScale));
    });
    var v = G.vp.visibleBox();
    mapCtx.strokeStyle = colours.frame;
    mapCtx.lineWidth = 2 * (window.devicePixelRatio || 1);
    mapCtx.strokeRect(mapX + v.x * mapScale, mapY + v.y * mapScale, v.w * mapScale, v.h * mapScale);
  }

  // Nodes to mark on the minimap (the matches of a search or of the filters).
  G.markOnMap = function (list) {
    marked = list;
    drawMap();
  };

  G.on("view", function (vp) { if (vp === G.vp) drawMap(); });
  window.addEventListener("resize", function () { base = null; drawMap(); });

  function mapTo(event) {
    var rect = map.getBoundingClientRect();
    var ratio = map.width / rect.width;
    var x = ((event.clientX - rect.left) * ratio - mapX) / mapScale;
    var y = ((event.clientY - rect.top) * ratio - mapY) / mapScale;
    G.vp.set(x, y, G.vp.k, true);
  }
  var mapDrag = false;
  map.addEventListener("pointerdown", function (event) {
    mapDrag = true;
    map.setPointerCapture(event.pointerId);
    mapTo(event);
  });
  map.addEventListener("pointermove", function (event) { if (mapDrag) mapTo(event); });
  map.addEventListener("pointerup", function () { mapDrag = false; G.emit("moved"); });
})(window.blueprintGraph);
