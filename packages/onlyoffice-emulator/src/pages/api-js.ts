// The api.js DS serves at /web-apps/apps/api/documents/api.js (spec: onlyoffice 1):
// `new DocsAPI.DocEditor(placeholderId, config)` replaces the element with an iframe. The config
// (without the event functions) is POSTed into the iframe by a form, which survives any size of
// token and needs no handshake; events come back by postMessage from the iframe.
export function apiJs(version: string): string {
  return `/* ${"ONLYOFFICE emulator"} api.js (docgate). Not the real ONLYOFFICE Document Server. */
(function () {
  "use strict";
  var script = document.currentScript;
  var scriptUrl = new URL(script.src, location.href);
  var base = scriptUrl.origin + scriptUrl.pathname.replace(/\\/web-apps\\/apps\\/api\\/documents\\/api\\.js$/, "");
  var emulatorOrigin = scriptUrl.origin;
  var current = null;

  function handlerNames(events) {
    var names = [];
    for (var k in events) if (Object.prototype.hasOwnProperty.call(events, k) && typeof events[k] === "function") names.push(k);
    return names;
  }

  function withoutEvents(config) {
    var copy = {};
    for (var k in config) if (Object.prototype.hasOwnProperty.call(config, k) && k !== "events") copy[k] = config[k];
    return copy;
  }

  function post(frameName, config, events) {
    var form = document.createElement("form");
    form.method = "POST";
    form.action = base + "/emulator/editor";
    form.target = frameName;
    form.style.display = "none";
    var fields = {
      config: JSON.stringify(withoutEvents(config)),
      handlers: JSON.stringify(handlerNames(events)),
      parentOrigin: location.origin
    };
    for (var name in fields) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = fields[name];
      form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
    form.parentNode.removeChild(form);
  }

  function DocEditor(placeholderId, config) {
    if (current) throw new Error("ONLYOFFICE emulator: one editor per page; call destroyEditor() first");
    var placeholder = document.getElementById(placeholderId);
    if (!placeholder) throw new Error("ONLYOFFICE emulator: no element with id " + placeholderId);
    config = config || {};
    var events = config.events || {};
    var frameName = "frameEditor";
    var iframe = document.createElement("iframe");
    iframe.name = frameName;
    iframe.id = placeholderId;
    iframe.setAttribute("data-emulator", "onlyoffice");
    iframe.setAttribute("allowfullscreen", "");
    iframe.setAttribute("frameborder", "0");
    iframe.style.width = config.width || "100%";
    iframe.style.height = config.height || "100%";
    placeholder.parentNode.replaceChild(iframe, placeholder);

    var api;
    function onMessage(e) {
      if (e.source !== iframe.contentWindow || e.origin !== emulatorOrigin) return;
      var m = e.data;
      if (!m || m.__docgateEmulator !== 1 || typeof m.event !== "string") return;
      var handler = events[m.event];
      if (typeof handler === "function") handler({ target: api, data: m.data });
    }
    window.addEventListener("message", onMessage);

    api = {
      refreshFile: function (newConfig) {
        if (!newConfig) throw new Error("refreshFile needs a config");
        config = newConfig;
        post(frameName, newConfig, events);
      },
      destroyEditor: function () {
        window.removeEventListener("message", onMessage);
        if (iframe.parentNode) iframe.parentNode.replaceChild(placeholder, iframe);
        current = null;
      },
      requestClose: function () {
        if (typeof events.onRequestClose === "function") events.onRequestClose({ target: api, data: null });
      }
    };
    current = api;
    post(frameName, config, events);
    return api;
  }
  DocEditor.version = function () { return ${JSON.stringify(version)}; };
  window.DocsAPI = window.DocsAPI || {};
  window.DocsAPI.DocEditor = DocEditor;
})();
`;
}
