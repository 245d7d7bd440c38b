// Claim links (`--github`): "Claim on GitHub" opens a new issue pre-filled with the task; just
// before the browser follows it, a link back to the node on this site is added to the issue's
// text, made from the page's own address (not known when the site was built). From a file://
// page there is no address to give, and the link goes as it is.
(function () {
  "use strict";

  function addBackLink(event) {
    var link = event.target.closest && event.target.closest("a[data-claim-back]");
    if (!link || link.hasAttribute("data-claim-linked") || !/^https?:$/.test(location.protocol)) {
      return;
    }
    try {
      var url = new URL(link.href);
      var back = new URL(link.getAttribute("data-claim-back"), location.href).href;
      url.searchParams.set("body", (url.searchParams.get("body") || "") +
        "\n\nIn the blueprint: " + back);
      link.href = url.href;
      link.setAttribute("data-claim-linked", "");
    } catch (e) {
      // an address the browser cannot parse: the link goes as it is
    }
  }

  document.addEventListener("click", addBackLink, true);
  document.addEventListener("auxclick", addBackLink, true);
})();
