// The task board's filters, where the blueprint plans its tasks (owner, effort, tags): rows
// the filters leave out are hidden, never removed.
(function () {
  "use strict";
  var form = document.getElementById("task-filters");
  if (!form) return;
  function apply() {
    var unowned = form.elements.unowned.checked;
    var small = form.elements.small.checked;
    var tag = form.elements.tag.value;
    var rows = document.querySelectorAll("table.tasks tr[data-owner]");
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var tags = (row.getAttribute("data-tags") || "").split(" ");
      var keep = (!unowned || !row.getAttribute("data-owner")) &&
        (!small || row.getAttribute("data-effort") === "small") &&
        (!tag || tags.indexOf(tag) >= 0);
      row.hidden = !keep;
      if (keep) shown++;
    }
    form.elements.shown.value = shown + " of " + rows.length + " tasks shown";
  }
  form.addEventListener("change", apply);
  apply();
})();
