// The graph page, part 4: selecting a node (click, tap, Enter, the URL's #node-id), its side
// panel (a bottom sheet on a phone) cloned from its <template>, and the view framing it with
// the nodes it uses and is used by.
(function (G) {
  "use strict";

  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");
  var nodes = G.nodes;

  G.setHash = function (n) {
    var hash = n >= 0 ? "#" + encodeURIComponent(nodes[n].id) : "";
    if (location.hash !== hash) {
      if (hash) location.hash = hash;
      else history.replaceState(null, "", location.pathname + location.search);
    }
  };

  // Bring node n into view with its direct neighbours, readably (see G.vp.frame).
  G.showNode = function (n) {
    G.vp.reveal(G.boxOf(G.neighbourhood(n)), G.box(n));
  };

  // Select node n (-1: none). `keepView`: do not move the view (a restored view).
  G.select = function (n, keepView) {
    var state = G.state;
    if (state.selected >= 0) G.nodeEls[state.selected].classList.remove("selected");
    state.selected = n;
    if (n < 0) {
      panel.hidden = true;
      panelBody.replaceChildren();
      G.refreshLight();
      G.emit("moved");
      return;
    }
    G.emit("selected", n);
    G.nodeEls[n].classList.add("selected");
    G.setRoving(n);
    panelBody.replaceChildren(G.templates[n].content.cloneNode(true));
    panel.hidden = false;
    panelBody.querySelectorAll("pre.lean-code code").forEach(highlightLean);
    markOutside();
    window.BlueprintMath.typeset(panelBody);
    state.hovered = -1;
    G.refreshLight(!keepView);
    if (!keepView && !G.focusBox.checked) G.showNode(n);
    G.emit("moved");
  };

  G.selectById = function (id, keepView) {
    var n = G.indexOf.get(id);
    G.select(n === undefined ? -1 : n, keepView);
  };

  G.hashId = function () {
    try {
      return location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : null;
    } catch (e) {
      return null;
    }
  };

  function fromHash() {
    var id = G.hashId();
    if (id === null) G.select(-1);
    else G.selectById(id);
  }

  G.activate = function (n) {
    G.setHash(n);
    if (G.state.selected !== n) G.select(n);
  };

  // A tap on a node selects it (see G.viewport); a click too (assistive technologies).
  function nodeIndexOf(target) {
    var el = target && target.closest && target.closest("g.node");
    return el ? Number(el.getAttribute("data-i")) : -1;
  }
  G.vp.onTap = function (down, up) {
    var n = nodeIndexOf(down);
    if (n < 0 || nodeIndexOf(up) !== n) return false;
    G.activate(n);
    return true;
  };
  G.svg.addEventListener("click", function (event) {
    var n = nodeIndexOf(event.target);
    if (n >= 0) G.activate(n);
  });

  // Links to nodes inside the panel (dependencies, \ref in statements): stay on this page
  // when the node is drawn here, else go to the whole graph.
  panelBody.addEventListener("click", function (event) {
    var a = event.target.closest("a[data-node]");
    if (!a || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    var id = a.getAttribute("data-node");
    if (G.indexOf.has(id)) {
      location.hash = "#" + encodeURIComponent(id);
    } else {
      location.href = "graph.html#" + encodeURIComponent(id);
    }
  });

  // In the Uses / Used by lists, say which nodes are drawn from other chapters, and which are
  // not on this page at all.
  function markOutside() {
    panelBody.querySelectorAll("section.dependencies a[data-node]").forEach(function (a) {
      var m = G.indexOf.get(a.getAttribute("data-node"));
      var note = m === undefined ? " (not in this graph)" : nodes[m].outside ? " (other chapter)" : "";
      if (note) a.parentNode.appendChild(document.createTextNode(note));
    });
  }

  function close() {
    G.setHash(-1);
    G.select(-1);
  }
  document.getElementById("panel-close").addEventListener("click", close);
  G.closePanel = close;
  window.addEventListener("hashchange", fromHash);

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
})(window.blueprintGraph);
