// The tiled watermark (issue 4, item 5). The server resolved every value (resolve-watermark.ts);
// here the lines are only ever set with textContent. Two layers:
// - one overlay inside every page container, above the page's content (canvas and text layer);
// - one fixed overlay over the whole viewport, stacked just above the background and below the
//   pages, so it fills the gutters and toolbar-less space without doubling the density on pages
//   (it also repeats on every printed sheet).
// Overlays are re-created when removed, hidden or restyled, and laid out again when their host
// changes size (window resize, zoom).

const LINE_HEIGHT = 1.35;

/** Inline styles set with !important: an inline important declaration beats any stylesheet rule. */
function overlayStyle(spec, fixed) {
  return {
    position: fixed ? "fixed" : "absolute",
    inset: "0",
    "z-index": fixed ? "-1" : "5",
    display: "block",
    visibility: "visible",
    opacity: String(spec.opacity),
    overflow: "hidden",
    "pointer-events": "none",
    "user-select": "none",
    "-webkit-user-select": "none",
    color: spec.color,
    "font-family": spec.fontFamily,
    "font-size": `${spec.fontSize}px`,
    "line-height": String(LINE_HEIGHT),
    transform: "none",
    filter: "none",
    "clip-path": "none",
    "mix-blend-mode": "normal",
    contain: "strict",
    "print-color-adjust": "exact",
    "-webkit-print-color-adjust": "exact",
  };
}

function setStyles(el, styles) {
  for (const [name, value] of Object.entries(styles)) el.style.setProperty(name, value, "important");
}

let measureContext = null;
/** The text block's size in CSS pixels, measured on a canvas (no layout needed). */
function blockSize(spec) {
  measureContext ??= document.createElement("canvas").getContext("2d");
  measureContext.font = `${spec.fontSize}px ${spec.fontFamily}`;
  const width = Math.max(...spec.lines.map((l) => measureContext.measureText(l).width));
  return { width: Math.ceil(width), height: Math.ceil(spec.lines.length * spec.fontSize * LINE_HEIGHT) };
}

/**
 * Tiles in staggered rows, the grid centred on the host (so even a small image gets a whole tile
 * across its middle); each tile is rotated around its own centre, so any angle covers evenly.
 */
function layoutTiles(spec, el, width, height) {
  const { width: w, height: h } = blockSize(spec);
  const rad = (spec.angle * Math.PI) / 180;
  const cos = Math.abs(Math.cos(rad));
  const sin = Math.abs(Math.sin(rad));
  const cellW = Math.max(20, w * cos + h * sin + spec.spacing);
  const cellH = Math.max(10, w * sin + h * cos + spec.spacing);
  const halfCols = Math.ceil(width / 2 / cellW) + 1;
  const halfRows = Math.ceil(height / 2 / cellH) + 1;
  const tiles = [];
  for (let r = -halfRows; r <= halfRows; r++) {
    for (let c = -halfCols; c <= halfCols; c++) {
      const cx = width / 2 + c * cellW + (Math.abs(r) % 2 ? cellW / 2 : 0);
      const cy = height / 2 + r * cellH;
      // Tiles wholly outside the host are not made.
      if (cx + cellW < 0 || cx - cellW > width || cy + cellH < 0 || cy - cellH > height) continue;
      const tile = document.createElement("div");
      tile.className = "dg-wm-tile";
      for (const line of spec.lines) {
        const row = document.createElement("div");
        row.textContent = line;
        tile.append(row);
      }
      setStyles(tile, {
        position: "absolute",
        left: `${Math.round(cx - w / 2)}px`,
        top: `${Math.round(cy - h / 2)}px`,
        width: `${w}px`,
        "text-align": "center",
        "white-space": "pre",
        transform: `rotate(${spec.angle}deg)`,
        "transform-origin": "50% 50%",
        display: "block",
        visibility: "visible",
      });
      tiles.push(tile);
    }
  }
  el.replaceChildren(...tiles);
}

export function createWatermark(spec) {
  /** host element → { el, fixed, observer } */
  const overlays = new Map();
  const resize = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const o = overlays.get(entry.target);
      if (o && !o.fixed) own(() => draw(entry.target, o));
    }
  });

  /** Runs our own DOM changes, then drops the records they queued: whatever is left is tampering. */
  function own(change) {
    change();
    for (const o of overlays.values()) o.observer.takeRecords();
  }

  function draw(host, o) {
    const width = o.fixed ? window.innerWidth : host.clientWidth;
    const height = o.fixed ? window.innerHeight : host.clientHeight;
    layoutTiles(spec, o.el, width, height);
  }

  function build(host, fixed) {
    const old = overlays.get(host);
    old?.observer.disconnect();
    const el = document.createElement("div");
    el.className = "dg-wm";
    el.setAttribute("aria-hidden", "true");
    el.dataset.testid = fixed ? "watermark-viewport" : "watermark-page";
    setStyles(el, overlayStyle(spec, fixed));
    const o = { el, fixed, observer: null };
    o.observer = new MutationObserver((records) => {
      const tampered = records.some(
        (rec) => rec.target !== host || [...rec.removedNodes].includes(el) || !el.isConnected,
      );
      if (tampered) queueMicrotask(() => restore(host));
    });
    overlays.set(host, o);
    own(() => {
      old?.el.remove();
      draw(host, o);
      host.append(el);
    });
    o.observer.observe(el, { attributes: true, childList: true, characterData: true, subtree: true });
    o.observer.observe(host, { childList: true });
  }

  function restore(host) {
    if (overlays.has(host) && host.isConnected) build(host, overlays.get(host).fixed);
  }

  /** Catches what a MutationObserver cannot see, e.g. a stylesheet hiding an ancestor-less overlay. */
  function audit() {
    for (const [host, o] of overlays) {
      if (!host.isConnected) {
        detach(host);
        continue;
      }
      const cs = getComputedStyle(o.el);
      const wrong =
        !o.el.isConnected ||
        o.el.parentNode !== host ||
        cs.display === "none" ||
        cs.visibility !== "visible" ||
        Math.abs(Number(cs.opacity) - spec.opacity) > 0.01 ||
        o.el.childElementCount === 0;
      if (wrong) build(host, o.fixed);
    }
  }

  function attach(host) {
    if (!overlays.has(host)) {
      build(host, false);
      resize.observe(host);
    }
  }

  function detach(host) {
    const o = overlays.get(host);
    if (!o) return;
    o.observer.disconnect();
    resize.unobserve(host);
    overlays.delete(host);
    o.el.remove();
  }

  build(document.body, true);
  let frame = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const o = overlays.get(document.body);
      if (o) own(() => draw(document.body, o));
    });
  });
  setInterval(audit, 1000);
  return { attach, detach, audit };
}
