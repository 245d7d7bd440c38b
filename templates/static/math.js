// Math: MathJax 3 (SVG output), loaded only when a page has math to show, from the URL in
// #math-config (a CDN, or static/mathjax/ with --offline-math). Only elements with class
// "math" are typeset, and the `safe` extension filters \href, \class and friends.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("math-config").textContent);
  var loading = null;

  window.MathJax = {
    loader: { load: ["ui/safe"] },
    tex: {
      inlineMath: [["\\(", "\\)"]],
      displayMath: [["\\[", "\\]"]],
      processEscapes: false,
      processEnvironments: true,
      tags: "ams",
      macros: config.macros
    },
    svg: { fontCache: "global" },
    options: { enableMenu: false },
    startup: { typeset: false }
  };

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        window.MathJax.startup.ready = function () {
          window.MathJax.startup.defaultReady();
          window.MathJax.startup.promise.then(resolve, reject);
        };
        var script = document.createElement("script");
        script.src = config.src;
        script.async = true;
        script.onerror = function () { reject(new Error("MathJax could not be loaded")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  // Typeset the .math elements in `root` (an element or the document). Resolves when done,
  // or at once, quietly, when MathJax cannot be had (offline without --offline-math).
  function typeset(root) {
    var elements = Array.prototype.slice.call((root || document).querySelectorAll(".math"));
    if (!elements.length) return Promise.resolve();
    return load().then(function () {
      if (window.MathJax.texReset) window.MathJax.texReset();
      return window.MathJax.typesetPromise(elements);
    }).catch(function () {});
  }

  window.BlueprintMath = { typeset: typeset };
})();
