// The editor page's script (served inline with the response's CSP nonce). It reads its data from a
// <script type="application/json"> element, never from markup, and writes text only through
// textContent. spec: onlyoffice 1 (events: onDocumentReady, onError, onRequestRefreshFile).
export const EDITOR_SCRIPT = `(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dg-data").textContent);
  var T = data.text;
  var editor = null;
  function $(id) { return document.getElementById(id); }
  function setState(s) { document.body.setAttribute("data-editor-state", s); }

  function showOverlay(code, detail) {
    var e = data.errors[code] || data.errors.DOCGATE_EDITOR_FAILED;
    $("dg-overlay-code").textContent = code;
    $("dg-overlay-zh").textContent = e.zh;
    $("dg-overlay-en").textContent = e.en;
    $("dg-overlay-detail").textContent = detail || "";
    $("dg-overlay").hidden = false;
    setState("error");
  }

  function showNotices(ids) {
    var box = $("dg-notices");
    for (var i = 0; i < ids.length; i++) {
      if (!Object.prototype.hasOwnProperty.call(T, ids[i])) continue;
      if (box.querySelector('[data-notice="' + ids[i] + '"]')) continue;
      var p = document.createElement("p");
      p.className = "notice";
      p.setAttribute("data-notice", ids[i]);
      p.setAttribute("data-testid", "notice-" + ids[i]);
      p.textContent = T[ids[i]];
      box.appendChild(p);
    }
  }

  // The session page answers JSON to the same URL: a fresh, freshly signed config, or "wait".
  function fetchConfig() {
    return fetch(location.pathname + location.search, {
      headers: { accept: "application/json" }, credentials: "same-origin", cache: "no-store"
    }).then(function (res) {
      return res.json().then(function (j) {
        if (!res.ok) {
          var err = new Error("session request failed");
          err.code = (j && j.error && j.error.code) || "DOCGATE_INTERNAL";
          throw err;
        }
        return j;
      });
    });
  }

  function whenReady(done) {
    fetchConfig().then(function (r) {
      if (r.status === "ready") {
        $("dg-waiting").hidden = true;
        showNotices(r.notices || []);
        done(r);
        return;
      }
      $("dg-waiting").hidden = false;
      setState("waiting-for-save");
      setTimeout(function () { whenReady(done); }, r.retryAfterMs || 1000);
    }, function (err) {
      if (err && err.code) { showOverlay(err.code, ""); return; }
      // A network blip while waiting: try again.
      setTimeout(function () { whenReady(done); }, 2000);
    });
  }

  function events() {
    return {
      onAppReady: function () { setState("app-ready"); },
      onDocumentReady: function () { setState("ready"); },
      onError: function (e) {
        var d = (e && e.data) || {};
        showOverlay("DOCGATE_EDITOR_FAILED", "errorCode " + d.errorCode + ": " + (d.errorDescription || ""));
      },
      onWarning: function (e) { if (window.console) console.warn("editor warning", e && e.data); },
      // The key was already saved (DS: "the file version has been changed"): load the saved version.
      onRequestRefreshFile: function () {
        setState("refreshing");
        whenReady(function (r) { editor.refreshFile(r.config); setState("opening"); });
      }
    };
  }

  function open(config) {
    if (typeof window.DocsAPI === "undefined" || !window.DocsAPI.DocEditor) {
      showOverlay("DOCGATE_EDITOR_UNAVAILABLE", "api.js did not load from " + data.apiUrl);
      return;
    }
    config.events = events();
    editor = new window.DocsAPI.DocEditor("editor", config);
    setState("opening");
  }

  $("dg-reload").addEventListener("click", function () { location.reload(); });
  if (data.state === "ready") {
    open(data.config);
  } else {
    $("dg-waiting").hidden = false;
    setState("waiting-for-save");
    setTimeout(function () { whenReady(function (r) { open(r.config); }); }, data.retryAfterMs || 1000);
  }
})();`;
