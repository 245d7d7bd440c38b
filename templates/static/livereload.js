// Live reload for `blueprint watch`. The server (blueprint/server.py) serves this file and
// injects it into HTML pages only in watch mode, as
//   <script src="/__blueprint__/livereload.js" data-build="BUILD-ID"></script>
// Events from /__blueprint__/events:
//   reload       {"build": id}         a new build is in place: reload if it is not ours
//   build-error  {"errors": [{file, line, message}]}   show them over the page
// A reload keeps the URL (hash included), the scroll position and the view state that pages
// keep in sessionStorage["blueprint-view"] (the graph page: pan, zoom, selection). Pages may
// listen for the "blueprint:beforereload" window event to save their state just in time.
(function () {
  "use strict";

  var EVENTS_URL = "/__blueprint__/events";
  var SAVED_KEY = "blueprint-livereload";
  var VIEW_KEY = "blueprint-view";
  var OVERLAY_ID = "blueprint-error-overlay";
  var script = document.currentScript;
  var pageBuild = (script && script.getAttribute("data-build")) || "";
  var source = null;
  var retryDelay = 1000;
  var retryTimer = null;

  function parse(text) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  function saveView() {
    try {
      window.dispatchEvent(new CustomEvent("blueprint:beforereload"));
    } catch (e) {
      // a page listener failed: reload anyway
    }
    try {
      sessionStorage.setItem(SAVED_KEY, JSON.stringify({
        path: location.pathname + location.search,
        x: window.scrollX,
        y: window.scrollY,
        view: sessionStorage.getItem(VIEW_KEY)
      }));
    } catch (e) {
      // storage disabled: reload without the view state
    }
  }

  function restoreView() {
    var saved = null;
    try {
      saved = parse(sessionStorage.getItem(SAVED_KEY));
      sessionStorage.removeItem(SAVED_KEY);
      if (saved && saved.path === location.pathname + location.search &&
          typeof saved.view === "string" && sessionStorage.getItem(VIEW_KEY) === null) {
        sessionStorage.setItem(VIEW_KEY, saved.view);
      }
    } catch (e) {
      return;
    }
    if (!saved || saved.path !== location.pathname + location.search) {
      return;
    }
    var scroll = function () {
      window.scrollTo(saved.x || 0, saved.y || 0);
    };
    if (document.readyState === "complete") {
      scroll();
    } else {
      window.addEventListener("load", scroll, { once: true });
    }
  }

  function reload() {
    saveView();
    disconnect();
    location.reload(); // keeps the URL, hash included
  }

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) {
      old.remove();
    }
  }

  function describe(error) {
    var where = error.file ? String(error.file) : "";
    if (where && error.line !== null && error.line !== undefined) {
      where += ":" + error.line;
    }
    return (where ? where + ": " : "") + String(error.message);
  }

  // Everything here is plain text (textContent): messages quote the user's sources.
  function showErrors(errors) {
    removeOverlay();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.style.cssText = [
      "position:fixed", "left:0", "right:0", "top:0", "z-index:2147483647",
      "max-height:60vh", "overflow:auto", "box-sizing:border-box", "padding:12px 16px",
      "background:rgba(60,0,0,0.95)", "color:#fff", "font:13px/1.5 ui-monospace,monospace",
      "box-shadow:0 2px 12px rgba(0,0,0,0.5)", "text-align:left"
    ].join(";");

    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.title = "Hide (the errors come back with the next failed build)";
    close.style.cssText = "float:right;font-size:18px;background:none;border:0;color:#fff;" +
      "cursor:pointer";
    close.addEventListener("click", removeOverlay);

    var title = document.createElement("strong");
    title.textContent = "Build failed; this page shows the last good build.";

    var list = document.createElement("ul");
    list.style.cssText = "margin:8px 0 0;padding-left:20px;white-space:pre-wrap";
    (errors.length ? errors : [{ message: "unknown error" }]).forEach(function (error) {
      var item = document.createElement("li");
      item.textContent = describe(error);
      list.appendChild(item);
    });

    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(list);
    (document.body || document.documentElement).appendChild(box);
  }

  function connect() {
    disconnect();
    source = new EventSource(EVENTS_URL);
    source.addEventListener("open", function () {
      retryDelay = 1000;
    });
    source.addEventListener("reload", function (event) {
      var data = parse(event.data);
      if (data && data.build && data.build !== pageBuild) {
        reload();
      } else {
        removeOverlay(); // the build we show is the current one again
      }
    });
    source.addEventListener("build-error", function (event) {
      var data = parse(event.data);
      if (data && Array.isArray(data.errors)) {
        showErrors(data.errors);
      }
    });
    source.addEventListener("error", function () {
      // EventSource retries network errors by itself, but gives up on HTTP errors.
      if (source && source.readyState === EventSource.CLOSED) {
        disconnect();
        retryTimer = setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 10000);
      }
    });
  }

  function disconnect() {
    if (retryTimer !== null) {
      clearTimeout(retryTimer);
      retryTimer = null;
    }
    if (source) {
      source.close();
      source = null;
    }
  }

  window.addEventListener("pagehide", disconnect); // frees the server's connection at once
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      connect(); // back from the back-forward cache
    }
  });

  restoreView();
  connect();
})();
