// Graph page: pan and zoom the SVG laid out at build time; hover or select a node to see what
// it needs (ancestors) and what it unlocks (descendants); focus mode; search; filters; a side
// panel per node (cloned from its <template>); keyboard navigation; permalinks (#node-id).
//
// Scale: one listener per kind of event on the whole SVG (never one per node), the graph as
// index arrays embedded once in #nodes-data, and class changes only on the nodes that change.
// Safety: text from the user's files reaches the page only as textContent or inside the
// templates the build escaped; nodes are looked up in arrays and maps, never by selectors.
(function () {
  "use strict";

  var VIEW_KEY = "blueprint-view";
  var svg = document.getElementById("graph");
  var data = JSON.parse(document.getElementById("nodes-data").textContent);
  var nodes = data.nodes;
  var count = nodes.length;
  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");
  var statusLine = document.getElementById("graph-status");
  var statusText = statusLine.textContent;

  // ------------------------------------------------------------ the graph as arrays

  var indexOf = new Map();
  var uses = new Array(count);
  var usedBy = new Array(count);
  var i;
  for (i = 0; i < count; i++) {
    indexOf.set(nodes[i].id, i);
    uses[i] = nodes[i].uses;
    usedBy[i] = [];
  }
  for (i = 0; i < count; i++) {
    for (var k = 0; k < uses[i].length; k++) usedBy[uses[i][k]].push(i);
  }

  var nodeEls = new Array(count);
  svg.querySelectorAll("g.node").forEach(function (el) {
    nodeEls[Number(el.getAttribute("data-i"))] = el;
  });
  var edgeEls = [];
  var edgeEnds = [];
  svg.querySelectorAll("g.edge").forEach(function (el) {
    var s = indexOf.get(el.getAttribute("data-source"));
    var t = indexOf.get(el.getAttribute("data-target"));
    if (s !== undefined && t !== undefined) {
      edgeEls.push(el);
      edgeEnds.push([s, t]);
    }
  });
  var templates = new Array(count);
  document.querySelectorAll("#node-panels template").forEach(function (t) {
    templates[Number(t.getAttribute("data-i"))] = t;
  });

  function reach(start, next) {
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
  }

  // ------------------------------------------------------------ pan and zoom

  var full = svg.viewBox.baseVal;
  var home = { x: full.x, y: full.y, w: full.width, h: full.height };
  var view = { x: home.x, y: home.y, w: home.w, h: home.h };

  function applyView() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
  }

  function scaleAndOffset() {
    var rect = svg.getBoundingClientRect();
    var scale = Math.max(view.w / rect.width, view.h / rect.height);
    return {
      rect: rect,
      scale: scale,
      dx: (rect.width * scale - view.w) / 2,
      dy: (rect.height * scale - view.h) / 2
    };
  }

  function svgPoint(clientX, clientY) {
    var m = scaleAndOffset();
    return {
      x: view.x - m.dx + (clientX - m.rect.left) * m.scale,
      y: view.y - m.dy + (clientY - m.rect.top) * m.scale,
      scale: m.scale
    };
  }

  function zoomAt(factor, clientX, clientY) {
    var ratio = Math.min(Math.max(view.w * factor, home.w / 200), home.w * 4) / view.w;
    var p = svgPoint(clientX, clientY);
    view.x = p.x - (p.x - view.x) * ratio;
    view.y = p.y - (p.y - view.y) * ratio;
    view.w *= ratio;
    view.h *= ratio;
    applyView();
  }

  function zoomCentre(factor) {
    var rect = svg.getBoundingClientRect();
    zoomAt(factor, rect.left + rect.width / 2, rect.top + rect.height / 2);
  }

  function fitTo(box, margin) {
    var pad = margin === undefined ? 20 : margin;
    view = { x: box.x - pad, y: box.y - pad, w: box.w + 2 * pad, h: box.h + 2 * pad };
    applyView();
  }

  function fitAll() {
    view = { x: home.x, y: home.y, w: home.w, h: home.h };
    applyView();
  }

  function boxOf(list) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    list.forEach(function (n) {
      var b = nodeEls[n].getBBox();
      x0 = Math.min(x0, b.x);
      y0 = Math.min(y0, b.y);
      x1 = Math.max(x1, b.x + b.width);
      y1 = Math.max(y1, b.y + b.height);
    });
    return { x: x0, y: y0, w: Math.max(x1 - x0, 60), h: Math.max(y1 - y0, 40) };
  }

  function reveal(n) {
    // Pan (never zoom out) so that node n is well inside the window.
    var b = nodeEls[n].getBBox();
    var m = scaleAndOffset();
    var left = view.x - m.dx, top = view.y - m.dy;
    var width = m.rect.width * m.scale, height = m.rect.height * m.scale;
    var inside = b.x > left && b.y > top && b.x + b.width < left + width &&
      b.y + b.height < top + height;
    if (inside) return;
    if (b.width > width * 0.8) {
      var factor = (b.width * 3) / view.w;
      view.w *= factor;
      view.h *= factor;
    }
    view.x = b.x + b.width / 2 - view.w / 2;
    view.y = b.y + b.height / 2 - view.h / 2;
    applyView();
  }

  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var step = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
    zoomAt(Math.exp(Math.max(-1, Math.min(1, step / 300))), event.clientX, event.clientY);
  }, { passive: false });

  var pointers = new Map();
  var drag = null;
  var pinch = null;
  svg.addEventListener("pointerdown", function (event) {
    if (event.button !== 0 && event.pointerType === "mouse") return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    downNode = nodeIndexOf(event.target);
    if (pointers.size === 1) {
      drag = { x: event.clientX, y: event.clientY, moved: false };
    } else if (pointers.size === 2) {
      var p = Array.from(pointers.values());
      pinch = { d: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) };
      drag = null;
    }
  });
  svg.addEventListener("pointermove", function (event) {
    if (!pointers.has(event.pointerId)) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pinch && pointers.size === 2) {
      var p = Array.from(pointers.values());
      var d = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
      if (d > 0 && pinch.d > 0) zoomAt(pinch.d / d, (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2);
      pinch.d = d;
      return;
    }
    if (!drag) return;
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      svg.classList.add("dragging");
      svg.setPointerCapture(event.pointerId);
    }
    var scale = scaleAndOffset().scale;
    view.x -= dx * scale;
    view.y -= dy * scale;
    drag.x = event.clientX;
    drag.y = event.clientY;
    applyView();
  });
  // A node is chosen on pointerup over the node it went down on (a click may never come:
  // highlighting moves the node above the veil between the two).
  var downNode = -1;
  var chosenByPointer = false;
  function nodeIndexOf(target) {
    var el = target && target.closest && target.closest("g.node");
    return el ? Number(el.getAttribute("data-i")) : -1;
  }
  function endPointer(event) {
    if (event.type === "pointerup" && pointers.size === 1 && downNode >= 0 &&
        !(drag && drag.moved) && nodeIndexOf(event.target) === downNode) {
      chosenByPointer = true;
      activate(downNode);
    }
    downNode = -1;
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
    if (pointers.size === 0) {
      svg.classList.remove("dragging");
      if (drag && drag.moved) suppressClick = true;
      drag = null;
      saveView();
    }
  }
  var suppressClick = false;
  svg.addEventListener("pointerup", endPointer);
  svg.addEventListener("pointercancel", endPointer);

  document.getElementById("fit").addEventListener("click", function () { fitAll(); saveView(); });
  document.getElementById("zoom-in").addEventListener("click", function () { zoomCentre(1 / 1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomCentre(1.4); });

  // ------------------------------------------------------------ highlight and focus

  var lit = [];          // indices that carry highlight classes now
  var litEdges = [];
  var hovered = -1;
  var selected = -1;
  var focusBox = document.getElementById("focus");

  // Lit nodes and edges move above a veil (one element) instead of every other node being
  // faded: the work is proportional to what is lit, not to the size of the graph.
  var nodeLayer = svg.querySelector("g.nodes");
  var edgeLayer = svg.querySelector("g.edges");
  var litNodeLayer = svg.querySelector("g.lit-nodes");
  var litEdgeLayer = svg.querySelector("g.lit-edges");

  // Moving an element out of the document takes the keyboard focus away: give it back.
  function keepingFocus(move) {
    var active = document.activeElement;
    move();
    if (active && active !== document.activeElement && svg.contains(active)) {
      active.focus({ preventScroll: true });
    }
  }

  function clearLight() {
    keepingFocus(clearLayers);
  }

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
    clearLight();
    if (n < 0) return;
    var up = reach(n, uses);
    var down = reach(n, usedBy);
    var side = new Int8Array(count); // 1 ancestor, 2 descendant, 3 self
    up.forEach(function (m) { side[m] = 1; nodeEls[m].classList.add("lit", "ancestor"); });
    down.forEach(function (m) { side[m] = 2; nodeEls[m].classList.add("lit", "descendant"); });
    side[n] = 3;
    nodeEls[n].classList.add("lit", "self");
    lit = up.concat(down, [n]);
    for (var e = 0; e < edgeEnds.length; e++) {
      var a = side[edgeEnds[e][0]], b = side[edgeEnds[e][1]];
      if ((a === 1 || a === 3) && (b === 1 || b === 3) || (a === 2 || a === 3) && (b === 2 || b === 3)) {
        if (a !== 0 && b !== 0 && !(a === 3 && b === 3)) {
          edgeEls[e].classList.add("lit");
          litEdges.push(e);
        }
      }
    }
    keepingFocus(function () {
      lit.forEach(function (m) { litNodeLayer.appendChild(nodeEls[m]); });
      litEdges.forEach(function (e) { litEdgeLayer.appendChild(edgeEls[e]); });
    });
    svg.classList.add(focus ? "focusing" : "highlighting");
    return { up: up.length, down: down.length };
  }

  function refreshLight(fit) {
    var focus = focusBox.checked && selected >= 0;
    var target = hovered >= 0 && !focus ? hovered : selected;
    var counts = light(target, focus);
    if (focus) {
      if (fit) fitTo(boxOf(lit));
      say(nodes[selected].id + ": needs " + counts.up + ", unlocks " + counts.down +
        ". Focus mode: other nodes are hidden.");
    } else if (target >= 0 && counts) {
      say(nodes[target].id + ": needs " + counts.up + " nodes, unlocks " + counts.down + ".");
    } else {
      say(filterText || statusText);
    }
  }

  function say(text) {
    statusLine.textContent = text;
  }

  var hoverFrame = 0;
  svg.addEventListener("pointerover", function (event) {
    var el = event.target.closest && event.target.closest("g.node");
    var n = el ? Number(el.getAttribute("data-i")) : -1;
    if (n === hovered || drag && drag.moved) return;
    hovered = n;
    if (!hoverFrame) {
      hoverFrame = requestAnimationFrame(function () { hoverFrame = 0; refreshLight(); });
    }
  });
  svg.addEventListener("pointerleave", function () {
    hovered = -1;
    refreshLight();
  });
  focusBox.addEventListener("change", function () {
    if (!focusBox.checked) fitAll();
    refreshLight(true);
    saveView();
  });

  // ------------------------------------------------------------ selection and the panel

  function setHash(n) {
    var hash = n >= 0 ? "#" + encodeURIComponent(nodes[n].id) : "";
    if (location.hash !== hash) {
      if (hash) location.hash = hash;
      else history.replaceState(null, "", location.pathname + location.search);
    }
  }

  function select(n, options) {
    var opts = options || {};
    if (selected >= 0) nodeEls[selected].classList.remove("selected");
    selected = n;
    if (n < 0) {
      panel.hidden = true;
      panelBody.replaceChildren();
      refreshLight();
      saveView();
      return;
    }
    var el = nodeEls[n];
    el.classList.add("selected");
    setRoving(n);
    panelBody.replaceChildren(templates[n].content.cloneNode(true));
    panel.hidden = false;
    panelBody.querySelectorAll("pre.lean-code code").forEach(highlightLean);
    var deps = panelBody.querySelector("section.dependencies");
    if (deps) deps.replaceChildren(depList("Uses", uses[n]), depList("Used by", usedBy[n]));
    window.BlueprintMath.typeset(panelBody);
    hovered = -1;
    refreshLight(!opts.keepView || opts.fit);
    if (!opts.keepView && !focusBox.checked) reveal(n);
    saveView();
  }

  function selectById(id, options) {
    var n = indexOf.get(id);
    select(n === undefined ? -1 : n, options);
  }

  function fromHash(options) {
    var id = null;
    try {
      id = location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : null;
    } catch (e) {
      id = null;
    }
    if (id === null) select(-1, options);
    else selectById(id, options);
  }

  function activate(n) {
    setHash(n);
    if (selected !== n) select(n, { keepView: true, fit: true });
  }

  svg.addEventListener("click", function (event) {  // assistive technologies, scripts
    if (chosenByPointer || suppressClick) {
      chosenByPointer = suppressClick = false;
      return;
    }
    var n = nodeIndexOf(event.target);
    if (n >= 0) activate(n);
  });

  // Links to nodes inside the panel (dependencies, \ref in statements): stay on this page
  // when the node is drawn here, else go to the full graph.
  panelBody.addEventListener("click", function (event) {
    var a = event.target.closest("a[data-node]");
    if (!a || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    var id = a.getAttribute("data-node");
    if (indexOf.has(id)) {
      location.hash = "#" + encodeURIComponent(id);
    } else {
      location.href = "graph.html#" + encodeURIComponent(id);
    }
  });

  // "Uses (3)" and "Used by (2)": links to the nodes, as text (from the page data).
  function depList(title, list) {
    var box = document.createDocumentFragment();
    if (!list.length) return box;
    var heading = document.createElement("h3");
    heading.textContent = title + " (" + list.length + ")";
    var ul = document.createElement("ul");
    ul.className = "deps";
    list.slice().sort(function (a, b) { return a - b; }).forEach(function (m) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + encodeURIComponent(nodes[m].id);
      a.setAttribute("data-node", nodes[m].id);
      a.textContent = nodes[m].heading;
      var code = document.createElement("code");
      code.className = "label";
      code.textContent = nodes[m].id;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(code);
      if (nodes[m].outside) li.appendChild(document.createTextNode(" (other chapter)"));
      ul.appendChild(li);
    });
    box.appendChild(heading);
    box.appendChild(ul);
    return box;
  }

  document.getElementById("panel-close").addEventListener("click", function () {
    setHash(-1);
    select(-1);
    if (focusBox.checked) fitAll();
  });
  window.addEventListener("hashchange", function () { fromHash(); });

  // ------------------------------------------------------------ Lean source

  var LEAN = /(--[^\n]*|\/-[\s\S]*?-\/)|("(?:[^"\\]|\\.)*")|\b(theorem|lemma|def|abbrev|instance|structure|class|inductive|where|by|fun|let|have|show|from|at|with|match|if|then|else|do|return|calc|namespace|end|section|variable|open|in|noncomputable|private|protected|irreducible_def|example|axiom|deriving|extends|universe|mutual)\b|\b(sorry|admit)\b|(@\[[^\]]*\])|\b(\d+)\b/g;
  var LEAN_CLASSES = [null, "comment", "string", "keyword", "sorry", "attribute", "number"];

  function highlightLean(code) {
    var text = code.textContent;
    var out = document.createDocumentFragment();
    var last = 0;
    var match;
    LEAN.lastIndex = 0;
    while ((match = LEAN.exec(text)) !== null) {
      if (match.index > last) out.appendChild(document.createTextNode(text.slice(last, match.index)));
      var span = document.createElement("span");
      for (var g = 1; g < LEAN_CLASSES.length; g++) {
        if (match[g] !== undefined) { span.className = "lean-" + LEAN_CLASSES[g]; break; }
      }
      span.textContent = match[0];
      out.appendChild(span);
      last = match.index + match[0].length;
    }
    if (last < text.length) out.appendChild(document.createTextNode(text.slice(last)));
    code.replaceChildren(out);
  }

  // ------------------------------------------------------------ search

  var search = document.getElementById("search");
  var results = document.getElementById("search-results");
  var found = [];
  var active = -1;

  function score(node, q) {
    var id = node.id.toLowerCase();
    if (id === q) return 0;
    if (id.indexOf(q) === 0) return 1;
    for (var j = 0; j < node.lean.length; j++) {
      var name = node.lean[j].toLowerCase();
      if (name === q || name.endsWith("." + q)) return 2;
    }
    if (id.indexOf(q) >= 0) return 3;
    for (j = 0; j < node.lean.length; j++) {
      if (node.lean[j].toLowerCase().indexOf(q) >= 0) return 4;
    }
    if (node.title.toLowerCase().indexOf(q) >= 0) return 5;
    if (node.text.indexOf(q) >= 0) return 6;
    return -1;
  }

  function runSearch() {
    var q = search.value.trim().toLowerCase();
    found = [];
    if (q) {
      var words = q.split(/\s+/);
      for (var n = 0; n < count; n++) {
        var s = score(nodes[n], q);
        if (s < 0 && words.length > 1) {
          s = words.every(function (w) { return nodes[n].text.indexOf(w) >= 0; }) ? 7 : -1;
        }
        if (s >= 0) found.push([s, n]);
      }
      found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      found = found.slice(0, 30).map(function (pair) { return pair[1]; });
    }
    active = found.length ? 0 : -1;
    drawResults(q);
  }

  function drawResults(q) {
    results.replaceChildren();
    found.forEach(function (n, position) {
      var item = document.createElement("li");
      item.setAttribute("role", "option");
      item.setAttribute("data-i", String(n));
      item.className = position === active ? "active" : "";
      var label = document.createElement("code");
      label.textContent = nodes[n].id;
      var words = document.createElement("span");
      words.className = "muted";
      words.textContent = " " + nodes[n].heading + (nodes[n].lean.length ? " · " + nodes[n].lean.join(", ") : "");
      item.appendChild(label);
      item.appendChild(words);
      results.appendChild(item);
    });
    if (q && !found.length) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = "No node matches.";
      results.appendChild(none);
    }
    results.hidden = !q;
    search.setAttribute("aria-expanded", q ? "true" : "false");
  }

  function choose(n) {
    results.hidden = true;
    search.setAttribute("aria-expanded", "false");
    setHash(n);
    if (selected !== n) select(n);
    reveal(n);
  }

  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!found.length) return;
      active = (active + (event.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      drawResults(search.value.trim());
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (active >= 0) choose(found[active]);
    } else if (event.key === "Escape") {
      search.value = "";
      runSearch();
    }
  });
  results.addEventListener("click", function (event) {
    var item = event.target.closest("li[data-i]");
    if (item) choose(Number(item.getAttribute("data-i")));
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".search")) results.hidden = true;
  });

  // ------------------------------------------------------------ filters

  var filterStage = document.getElementById("filter-stage");
  var filterChapter = document.getElementById("filter-chapter");
  var filterKind = document.getElementById("filter-kind");
  var filterFree = document.getElementById("filter-free");  // with claims from GitHub only
  var filterText = "";

  function applyFilters() {
    var st = filterStage.value, ch = filterChapter.value, kd = filterKind.value;
    var fr = Boolean(filterFree && filterFree.checked);
    var any = st || ch || kd || fr;
    var matching = 0;
    for (var n = 0; n < count; n++) {
      var ok = (!st || nodes[n].stage === st) && (!ch || String(nodes[n].chapter) === ch) &&
        (!kd || nodes[n].kind === kd) && (!fr || nodes[n].free === true);
      if (ok) matching++;
      nodeEls[n].classList.toggle("filtered-out", Boolean(any) && !ok);
    }
    svg.classList.toggle("filtering", Boolean(any));
    filterText = any ? matching + " of " + count + " nodes match the filters." : "";
    say(filterText || statusText);
    saveView();
  }
  [filterStage, filterChapter, filterKind, filterFree].forEach(function (s) {
    if (s) s.addEventListener("change", applyFilters);
  });
  var viewSelect = document.getElementById("view-select");
  if (viewSelect) {
    viewSelect.addEventListener("change", function () { location.href = viewSelect.value; });
  }

  // ------------------------------------------------------------ keyboard

  var centres = null;
  var roving = 0;

  function centre(n) {
    if (!centres) {
      centres = nodeEls.map(function (el) {
        var b = el.getBBox();
        return [b.x + b.width / 2, b.y + b.height / 2];
      });
    }
    return centres[n];
  }

  function setRoving(n) {
    if (nodeEls[roving]) nodeEls[roving].setAttribute("tabindex", "-1");
    roving = n;
    nodeEls[n].setAttribute("tabindex", "0");
  }

  function nearest(from, dx, dy) {
    var a = centre(from);
    var best = -1, bestCost = Infinity;
    for (var n = 0; n < count; n++) {
      if (n === from || svg.classList.contains("focusing") && !nodeEls[n].classList.contains("lit")) continue;
      var b = centre(n);
      var along = (b[0] - a[0]) * dx + (b[1] - a[1]) * dy;
      if (along <= 0) continue;
      var across = Math.abs((b[0] - a[0]) * dy - (b[1] - a[1]) * dx);
      var cost = along + 2 * across;
      if (cost < bestCost) { bestCost = cost; best = n; }
    }
    return best;
  }

  var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  svg.addEventListener("keydown", function (event) {
    var el = event.target.closest && event.target.closest("g.node");
    if (!el) return;
    var n = Number(el.getAttribute("data-i"));
    if (ARROWS[event.key]) {
      event.preventDefault();
      var next = nearest(n, ARROWS[event.key][0], ARROWS[event.key][1]);
      if (next >= 0) {
        setRoving(next);
        nodeEls[next].focus();
        reveal(next);
      }
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      setHash(n);
      if (selected !== n) select(n);
    }
  });
  svg.addEventListener("focusin", function (event) {
    var el = event.target.closest && event.target.closest("g.node");
    var n = el ? Number(el.getAttribute("data-i")) : -1;
    if (n >= 0 && n !== hovered) {
      hovered = n;
      refreshLight();
    }
  });

  document.addEventListener("keydown", function (event) {
    var t = event.target;
    var typing = /^(SELECT|TEXTAREA)$/.test(t.tagName) ||
      t.tagName === "INPUT" && t.type !== "checkbox";
    if (event.key === "Escape" && !typing) {
      if (focusBox.checked) { focusBox.checked = false; fitAll(); refreshLight(); }
      else if (selected >= 0) { setHash(-1); select(-1); }
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/") { event.preventDefault(); search.focus(); }
    else if (event.key === "f") { focusBox.checked = !focusBox.checked; focusBox.dispatchEvent(new Event("change")); }
    else if (event.key === "+" || event.key === "=") zoomCentre(1 / 1.4);
    else if (event.key === "-") zoomCentre(1.4);
    else if (event.key === "0") { fitAll(); saveView(); }
  });

  // ------------------------------------------------------------ view state (watch reloads)

  function saveView() {
    try {
      sessionStorage.setItem(VIEW_KEY, JSON.stringify({
        page: data.page,
        view: view,
        selected: selected >= 0 ? nodes[selected].id : null,
        focus: focusBox.checked,
        filters: [filterStage.value, filterChapter.value, filterKind.value],
        free: Boolean(filterFree && filterFree.checked)
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
    if (!saved || saved.page !== data.page || !saved.view) return false;
    var v = saved.view;
    if ([v.x, v.y, v.w, v.h].every(function (x) { return typeof x === "number" && isFinite(x); }) &&
        v.w > 0 && v.h > 0) {
      view = { x: v.x, y: v.y, w: v.w, h: v.h };
      applyView();
    }
    focusBox.checked = saved.focus === true;
    if (filterFree) filterFree.checked = saved.free === true;
    if (Array.isArray(saved.filters)) {
      [filterStage, filterChapter, filterKind].forEach(function (s, j) {
        var value = String(saved.filters[j] || "");
        if (Array.prototype.some.call(s.options, function (o) { return o.value === value; })) s.value = value;
      });
      applyFilters();
    }
    return true;
  }

  window.addEventListener("blueprint:beforereload", saveView);
  window.addEventListener("pagehide", saveView);

  // ------------------------------------------------------------ start

  if (count) setRoving(0);
  var restored = restoreView();
  fromHash({ keepView: restored });

  window.blueprintGraph = { ready: performance.now(), nodes: count, select: selectById };
  document.documentElement.setAttribute("data-graph-ready", "true");
  window.dispatchEvent(new CustomEvent("blueprint:graph-ready"));
})();
