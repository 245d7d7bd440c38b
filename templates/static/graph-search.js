// The graph page, part 5: search by label, title, Lean name or statement text, and the
// matches: marked in the graph and on the minimap, with previous / next to go through them
// one by one (the filters' matches use the same buttons when no search is under way).
(function (G) {
  "use strict";

  var nodes = G.nodes, count = G.count;
  var search = document.getElementById("search");
  var list = document.getElementById("search-results");
  var nav = document.getElementById("results-nav");
  var position = document.getElementById("result-position");
  var shown = [];      // the matches listed under the field (at most 30)
  var active = -1;     // the one picked in that list

  // ------------------------------------------------------------ matches and going through them

  // The current matches: a search's when the field is not empty, else the filters'.
  var results = { nodes: [], at: -1, what: "" };
  var marked = [];

  G.setResults = function (found, what) {
    marked.forEach(function (n) { G.nodeEls[n].classList.remove("match", "current-match"); });
    results = { nodes: found || [], at: -1, what: what || "" };
    marked = what === "search" ? results.nodes : [];
    marked.forEach(function (n) { G.nodeEls[n].classList.add("match"); });
    G.svg.classList.toggle("searching", what === "search");
    nav.hidden = !results.nodes.length;
    G.markOnMap(results.nodes);
    drawPosition();
  };

  G.resultsText = function () {
    if (!results.what) return "";
    var total = results.nodes.length;
    var text = results.what === "search" ?
      total + (total === 1 ? " node matches" : " nodes match") + " the search." :
      total + " of " + count + " nodes match the filters.";
    if (results.at >= 0) {
      text += " Showing " + (results.at + 1) + " of " + total + ": " + nodes[results.nodes[results.at]].id + ".";
    }
    return text;
  };

  function drawPosition() {
    position.textContent = results.at >= 0 ? (results.at + 1) + " of " + results.nodes.length : results.nodes.length + " found";
    G.say(G.resultsText() || G.statusText);
  }

  // Frame every match when their labels can be read so, else the first one readably.
  G.showResults = function () {
    if (!results.nodes.length) return;
    G.vp.frame(G.boxOf(results.nodes), G.box(results.nodes[0]));
    G.emit("moved");
  };

  // Go to the next (+1) or previous (-1) match: select it, frame it.
  G.step = function (direction) {
    var total = results.nodes.length;
    if (!total) return;
    results.at = results.at < 0 ? (direction > 0 ? 0 : total - 1) : (results.at + direction + total) % total;
    var n = results.nodes[results.at];
    marked.forEach(function (m) { G.nodeEls[m].classList.remove("current-match"); });
    G.nodeEls[n].classList.add("current-match");
    G.setHash(n);
    if (G.state.selected !== n) G.select(n);
    else G.showNode(n);
    drawPosition();
  };
  G.on("selected", function (n) {
    var at = results.nodes.indexOf(n);
    if (at >= 0 && at !== results.at) {
      results.at = at;
      drawPosition();
    }
  });

  document.getElementById("result-next").addEventListener("click", function () { G.step(1); });
  document.getElementById("result-prev").addEventListener("click", function () { G.step(-1); });

  // ------------------------------------------------------------ search

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
    var found = [];
    if (q) {
      G.emit("searching");
      var words = q.split(/\s+/);
      for (var n = 0; n < count; n++) {
        var s = score(nodes[n], q);
        if (s < 0 && words.length > 1) {
          s = words.every(function (w) { return nodes[n].text.indexOf(w) >= 0; }) ? 7 : -1;
        }
        if (s >= 0) found.push([s, n]);
      }
      found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      found = found.map(function (pair) { return pair[1]; });
    }
    shown = found.slice(0, 30);
    active = shown.length ? 0 : -1;
    drawList(q);
    clearTimeout(framing);
    if (q) {
      G.setResults(found, "search");
      framing = setTimeout(G.showResults, 250);
    } else {
      G.emit("search-cleared");
    }
  }
  var framing = 0;

  function drawList(q) {
    list.replaceChildren();
    shown.forEach(function (n, at) {
      var item = document.createElement("li");
      item.setAttribute("role", "option");
      item.setAttribute("data-i", String(n));
      item.id = "search-option-" + at;
      item.setAttribute("aria-selected", at === active ? "true" : "false");
      item.className = at === active ? "active" : "";
      var label = document.createElement("code");
      label.textContent = nodes[n].id;
      var words = document.createElement("span");
      words.className = "muted";
      words.textContent = " " + nodes[n].heading + (nodes[n].lean.length ? " · " + nodes[n].lean.join(", ") : "");
      item.appendChild(label);
      item.appendChild(words);
      list.appendChild(item);
    });
    if (q && !shown.length) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = "No node matches.";
      list.appendChild(none);
    }
    list.hidden = !q;
    search.setAttribute("aria-expanded", q ? "true" : "false");
    if (active >= 0) search.setAttribute("aria-activedescendant", "search-option-" + active);
    else search.removeAttribute("aria-activedescendant");
  }

  function choose(n) {
    clearTimeout(framing);
    list.hidden = true;
    search.setAttribute("aria-expanded", "false");
    G.setHash(n);
    if (G.state.selected !== n) G.select(n);
    else G.showNode(n);
  }

  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!shown.length) return;
      if (list.hidden) { list.hidden = false; search.setAttribute("aria-expanded", "true"); return; }
      active = (active + (event.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
      drawList(search.value.trim());
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!list.hidden && active >= 0) choose(shown[active]);
      else G.step(event.shiftKey ? -1 : 1);
    } else if (event.key === "Escape") {
      search.value = "";
      runSearch();
    }
  });
  list.addEventListener("click", function (event) {
    var item = event.target.closest("li[data-i]");
    if (item) choose(Number(item.getAttribute("data-i")));
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".search")) {
      list.hidden = true;
      search.setAttribute("aria-expanded", "false");
    }
  });

  G.search = search;
  G.runSearch = runSearch;
})(window.blueprintGraph);
