// Pages that show converted TeX (the document, the task board, progress, history, the
// overview): math is typeset; a link to `page.html#node-label` scrolls to that node's card
// or row. Labels can hold any character, so cards are found by comparing data attributes,
// never by id.
(function () {
  "use strict";
  var current = null;

  function show() {
    var wanted = null;
    try {
      wanted = location.hash ? decodeURIComponent(location.hash.slice(1)) : null;
    } catch (e) {
      wanted = null;
    }
    if (current) current.classList.remove("target");
    current = null;
    if (!wanted) return;
    var cards = document.querySelectorAll("[data-node]");
    for (var i = 0; i < cards.length; i++) {
      if (cards[i].tagName !== "A" && cards[i].getAttribute("data-node") === wanted) {
        current = cards[i];
        current.classList.add("target");
        current.scrollIntoView({ block: "start" });
        return;
      }
    }
  }

  window.addEventListener("hashchange", show);
  show();
  window.BlueprintMath.typeset(document).then(function () {
    if (current) current.scrollIntoView({ block: "start" });
  });
})();
