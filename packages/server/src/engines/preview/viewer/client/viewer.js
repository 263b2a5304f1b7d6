// The viewer's entry module: reads the page's configuration, installs the protections and the
// watermark, wires the shared toolbar buttons and loads the module for the document's kind.
import { installProtections } from "./protect.js";
import { createWatermark } from "./watermark.js";

const config = JSON.parse(document.getElementById("dg-config").textContent);

// Trusted Types (the CSP requires them): no HTML sink accepts a string anywhere on this page, and
// the only script URLs allowed are our own assets (pdf.js creates its worker from one).
if (window.trustedTypes?.createPolicy) {
  const base = new URL(`${config.assetBase}/`, location.href).href;
  window.trustedTypes.createPolicy("default", {
    createScriptURL(url) {
      const absolute = new URL(url, location.href).href;
      if (absolute.startsWith(base)) return absolute;
      throw new TypeError("script URL outside the viewer assets");
    },
  });
}

const root = document.querySelector('[data-testid="viewer"]');
const stage = root.querySelector('[data-testid="stage"]');
const strings = config.strings;

let toastTimer = 0;
function notify(message) {
  let toast = document.querySelector(".dg-toast");
  if (!toast) {
    toast = document.createElement("div");
    toast.className = "dg-toast";
    toast.setAttribute("role", "status");
    document.body.append(toast);
  }
  toast.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => toast.remove(), 2500);
}

/** Button handlers by data-action; the kind module adds its own. */
const actions = new Map();
root.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("button[data-action]") : null;
  if (button && actions.has(button.dataset.action)) actions.get(button.dataset.action)();
});

let preparePrint = async () => {};
async function print() {
  if (!config.permissions.print) return;
  await preparePrint();
  window.print();
}

const ctx = {
  config,
  root,
  stage,
  strings,
  notify,
  watermark: config.watermark ? createWatermark(config.watermark) : null,
  on(action, handler) {
    actions.set(action, handler);
  },
  setZoomLabel(scale) {
    root.querySelector('[data-testid="zoom-level"]').textContent = `${Math.round(scale * 100)}%`;
  },
  setStatus(text) {
    const status = root.querySelector('[data-testid="viewer-status"]');
    if (status) status.textContent = text;
  },
  /** The kind module's step before printing (pdf: render every page). */
  onPreparePrint(fn) {
    preparePrint = fn;
  },
};

installProtections({ can: config.permissions, notify, copyBlockedMessage: strings.viewer_copy_blocked, print });
ctx.on("print", print);

const fullscreen = root.querySelector('[data-action="fullscreen"]');
if (!document.fullscreenEnabled) fullscreen.hidden = true;
// The whole document goes full screen, not the viewer element, so the viewport watermark
// (a child of <body>) stays visible.
ctx.on("fullscreen", () =>
  document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen(),
);

/**
 * The document could not be shown. The rendition route answers failures (conversion timeout, damaged
 * file...) with a JSON error; ask it once more to show that code and message instead of a guess.
 */
ctx.fail = async () => {
  if (root.dataset.state === "failed") return;
  root.dataset.state = "failed";
  let code = "";
  let message = strings.viewer_load_failed;
  try {
    const res = await fetch(config.renditionUrl, { headers: { accept: "application/json" } });
    const error = res.ok ? null : (await res.json()).error;
    if (error?.code) {
      code = String(error.code);
      message = String(error.message ?? message);
    }
  } catch {
    // Network gone: the generic message stays.
  }
  const status = root.querySelector('[data-testid="viewer-status"]');
  const codeEl = document.createElement("span");
  codeEl.className = "code";
  codeEl.dataset.testid = "error-code";
  codeEl.textContent = code;
  const messageEl = document.createElement("span");
  messageEl.dataset.testid = "error-message";
  messageEl.textContent = message;
  status.replaceChildren(codeEl, code ? " " : "", messageEl);
  status.classList.add("bad");
};

const modules = { pdf: "./pdf-viewer.js", image: "./image-viewer.js", svg: "./image-viewer.js" };
import(modules[config.kind] ?? "./text-viewer.js").then((m) => m.start(ctx)).catch(() => ctx.fail());
