// Graph page: pan and zoom the pre-laid-out SVG, and show a node's details on click.
// Everything from the user's files is inserted with textContent, never as HTML.
(function () {
  "use strict";
  const svg = document.getElementById("graph");
  const nodes = JSON.parse(document.getElementById("nodes-data").textContent);
  const panel = document.getElementById("panel");
  const full = svg.viewBox.baseVal;
  const home = { x: full.x, y: full.y, width: full.width, height: full.height };
  let view = Object.assign({}, home);

  function applyView() {
    svg.setAttribute("viewBox", [view.x, view.y, view.width, view.height].join(" "));
  }

  function svgPoint(clientX, clientY) {
    const rect = svg.getBoundingClientRect();
    const scale = Math.max(view.width / rect.width, view.height / rect.height);
    const offsetX = (rect.width * scale - view.width) / 2;
    const offsetY = (rect.height * scale - view.height) / 2;
    return {
      x: view.x - offsetX + (clientX - rect.left) * scale,
      y: view.y - offsetY + (clientY - rect.top) * scale,
      scale: scale,
    };
  }

  function zoom(factor, clientX, clientY) {
    const p = svgPoint(clientX, clientY);
    view.x = p.x - (p.x - view.x) * factor;
    view.y = p.y - (p.y - view.y) * factor;
    view.width *= factor;
    view.height *= factor;
    applyView();
  }

  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    zoom(event.deltaY > 0 ? 1.15 : 1 / 1.15, event.clientX, event.clientY);
  }, { passive: false });

  let drag = null;
  svg.addEventListener("pointerdown", function (event) {
    if (event.target.closest(".node")) return;
    drag = { x: event.clientX, y: event.clientY, scale: svgPoint(event.clientX, event.clientY).scale };
    svg.classList.add("dragging");
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", function (event) {
    if (!drag) return;
    view.x -= (event.clientX - drag.x) * drag.scale;
    view.y -= (event.clientY - drag.y) * drag.scale;
    drag.x = event.clientX;
    drag.y = event.clientY;
    applyView();
  });
  function endDrag() { drag = null; svg.classList.remove("dragging"); }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);

  document.getElementById("fit").addEventListener("click", function () {
    view = Object.assign({}, home);
    applyView();
  });

  function element(tag, text, className) {
    const el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  function link(text, href) {
    const a = element("a", text);
    a.href = href;
    return a;
  }

  function nodeList(title, ids) {
    const box = document.createElement("div");
    if (!ids.length) return box;
    box.appendChild(element("h3", title));
    const list = element("ul");
    ids.forEach(function (id) {
      const item = element("li");
      item.appendChild(link(id, "#" + encodeURIComponent(id)));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function select(id) {
    const data = nodes[id];
    svg.querySelectorAll(".node.selected").forEach(function (n) { n.classList.remove("selected"); });
    if (!data) { panel.hidden = true; return; }
    svg.querySelectorAll(".node").forEach(function (n) {
      if (n.dataset.id === id) n.classList.add("selected");
    });
    const heading = [data.env.charAt(0).toUpperCase() + data.env.slice(1), data.number]
      .filter(Boolean).join(" ");
    document.getElementById("panel-heading").textContent =
      heading + (data.title ? " (" + data.title + ")" : "") + " · " + data.id;
    document.getElementById("panel-status").textContent = data.border_words + "; " + data.fill_words + ".";
    const statement = document.getElementById("panel-statement");
    statement.textContent = data.statement.trim();
    const lean = document.getElementById("panel-lean");
    lean.replaceChildren();
    if (data.lean.length) {
      lean.appendChild(element("h3", "Lean"));
      const list = element("ul");
      data.lean.forEach(function (decl) {
        const item = element("li");
        const a = link("", decl.url);
        a.appendChild(element("code", decl.name));
        item.appendChild(a);
        list.appendChild(item);
      });
      lean.appendChild(list);
    }
    const links = document.getElementById("panel-links");
    links.replaceChildren();
    if (data.discussion) links.appendChild(link("Discussion", data.discussion));
    const deps = document.getElementById("panel-deps");
    deps.replaceChildren(nodeList("Uses", data.uses), nodeList("Used by", data.used_by));
    panel.hidden = false;
    if (window.MathJax && window.MathJax.typesetPromise) {
      window.MathJax.typesetPromise([statement]).catch(function () {});
    }
  }

  svg.addEventListener("click", function (event) {
    const node = event.target.closest(".node");
    if (node) location.hash = encodeURIComponent(node.dataset.id);
  });
  svg.addEventListener("keydown", function (event) {
    const node = event.target.closest(".node");
    if (node && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      location.hash = encodeURIComponent(node.dataset.id);
    }
  });
  document.getElementById("panel-close").addEventListener("click", function () {
    history.replaceState(null, "", location.pathname + location.search);
    select(null);
  });

  function fromHash() {
    select(location.hash ? decodeURIComponent(location.hash.slice(1)) : null);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
