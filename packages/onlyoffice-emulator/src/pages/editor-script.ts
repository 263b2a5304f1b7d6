// Script of the editor iframe: tells the page about readiness and errors (postMessage, like DS's
// editor frame), keeps an event stream open (the emulator's "websocket"), and drives the buttons.
export const EDITOR_SCRIPT = `
(function () {
  "use strict";
  var boot = JSON.parse(document.getElementById("emulator-boot").textContent);
  var root = document.getElementById("emulator-editor");
  var status = document.getElementById("emulator-status");
  function emit(event, data) {
    if (window.parent === window || !boot.parentOrigin) return;
    window.parent.postMessage({ __docgateEmulator: 1, event: event, data: data === undefined ? null : data }, boot.parentOrigin);
  }
  function has(name) { return boot.handlers.indexOf(name) >= 0; }
  function say(text) { status.textContent = text; }
  function setState(s) { root.setAttribute("data-state", s); }
  function disable() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-live]"), function (el) { el.disabled = true; });
  }
  emit("onAppReady");
  if (boot.refused) {
    if (boot.requestRefresh) emit("onRequestRefreshFile");
    else emit("onError", boot.error);
    return;
  }
  var base = "/emulator/editor/" + encodeURIComponent(boot.connectionId);
  function post(action, body) {
    return fetch(base + "/" + action, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().then(function (j) { if (!r.ok) throw new Error(j.message || ("HTTP " + r.status)); return j; });
    });
  }
  var stream = new EventSource(base + "/events");
  stream.onmessage = function (m) {
    var ev = JSON.parse(m.data);
    if (ev.type === "users") {
      var list = document.getElementById("emulator-users");
      list.textContent = "";
      ev.users.forEach(function (u) {
        var li = document.createElement("li");
        li.textContent = u.name + " (" + u.id + ")" + (u.editor ? "" : " - viewing");
        li.className = u.editor ? "editor" : "viewer";
        list.appendChild(li);
      });
      root.setAttribute("data-user-count", String(ev.users.length));
    } else if (ev.type === "text") {
      document.getElementById("emulator-content").textContent = ev.text;
    } else if (ev.type === "meta") {
      document.getElementById("emulator-title").textContent = ev.title;
      root.setAttribute("data-title", ev.title);
    } else if (ev.type === "dropped") {
      setState("dropped"); disable(); stream.close();
      say("You have been disconnected from the document (drop command).");
      emit("onWarning", { warningCode: -1, warningDescription: "disconnected by the drop command" });
    } else if (ev.type === "notice") {
      say(ev.message);
    }
  };
  stream.onerror = function () { if (root.getAttribute("data-state") !== "editing" && root.getAttribute("data-state") !== "viewing") stream.close(); };
  emit("onDocumentReady");
  var insert = document.getElementById("emulator-insert");
  if (insert) insert.addEventListener("click", function () {
    var box = document.getElementById("emulator-text");
    if (!box.value) return;
    insert.disabled = true;
    post("insert", { text: box.value }).then(function (j) {
      document.getElementById("emulator-content").textContent = j.text;
      box.value = "";
      root.setAttribute("data-changes", String(Number(root.getAttribute("data-changes") || "0") + 1));
      say("Text inserted.");
    }, function (e) { say("Insert failed: " + e.message); }).then(function () { insert.disabled = false; });
  });
  var save = document.getElementById("emulator-save");
  if (save) save.addEventListener("click", function () {
    post("forcesave").then(function (j) { say(j.sent ? "Saved (forcesave)." : "No changes to save."); },
      function (e) { say("Save failed: " + e.message); });
  });
  document.getElementById("emulator-close").addEventListener("click", function () {
    post("close").then(function () {
      setState("closed"); disable(); stream.close();
      say("The editor was closed.");
      if (has("onRequestClose")) emit("onRequestClose");
    }, function (e) { say("Close failed: " + e.message); });
  });
})();
`;
