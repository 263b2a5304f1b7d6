// PDF (and every office document, which arrives as a PDF rendition) with pdf.js. Every page gets
// a placeholder sized like page 1 at once; page 1 is rendered first, then only pages near the
// viewport (IntersectionObserver), one at a time, nearest to the current page first.
import { createSearch } from "./pdf-search.js";

const CSS_UNITS = 96 / 72; // 100% zoom = the page's real size on screen
const MIN_SCALE = 0.25;
const MAX_SCALE = 5;
const MAX_AUTO_SCALE = 1.25;
const MAX_CANVAS_PIXELS = 16_777_216;

/** The current build for current browsers; the legacy build (same release) for older mobile ones. */
async function loadPdfjs() {
  const modern = typeof Map.prototype.getOrInsertComputed === "function" && typeof Promise.withResolvers === "function";
  const dir = modern ? "./" : "./pdfjs-legacy/";
  const lib = await import(modern ? "./pdf.min.mjs" : "./pdfjs-legacy/pdf.min.mjs");
  lib.GlobalWorkerOptions.workerSrc = new URL(`${dir}pdf.worker.min.mjs`, import.meta.url).href;
  return lib;
}

export async function start(ctx) {
  const { stage, root, config } = ctx;
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const lib = await loadPdfjs();
  const data = new URL("./pdfjs/", import.meta.url).href;
  const doc = await lib.getDocument({
    url: config.renditionUrl,
    // pdf.js 5.7 has no eval path left; the flag keeps any build that still has one from using it.
    isEvalSupported: false,
    enableXfa: false,
    disableAutoFetch: true,
    cMapUrl: `${data}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${data}standard_fonts/`,
    wasmUrl: `${data}wasm/`,
    iccUrl: `${data}iccs/`,
  }).promise;

  const container = $("pages");
  const first = await doc.getPage(1);
  const base1 = first.getViewport({ scale: CSS_UNITS });
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const div = document.createElement("div");
    div.className = "dg-page dg-pdf-page";
    div.dataset.pageNumber = String(n);
    div.dataset.state = "placeholder";
    container.append(div);
    pages.push({ n, div, w: base1.width, h: base1.height, rendered: 0, busy: false, spans: [] });
    ctx.watermark?.attach(div);
  }
  $("page-count").textContent = String(doc.numPages);
  ctx.setStatus("");

  const fitWidth = (p = pages[0]) => (stage.clientWidth - 24) / p.w;
  let scale = Math.max(MIN_SCALE, Math.min(MAX_AUTO_SCALE, fitWidth()));

  function size(p) {
    p.div.style.width = `${Math.floor(p.w * scale)}px`;
    p.div.style.height = `${Math.floor(p.h * scale)}px`;
    p.div.style.setProperty("--scale-factor", String(scale * CSS_UNITS));
  }
  pages.forEach(size);
  ctx.setZoomLabel(scale);

  const search = createSearch({
    pageCount: doc.numPages,
    textContent: (n) => texts(n),
    showPage,
    onStatus(s) {
      $("search-status").textContent = s
        ? `${s.current}/${s.total}`
        : $("search-input").value
          ? ctx.strings.viewer_search_none
          : "";
    },
  });
  const textCache = new Map();
  function texts(n) {
    if (!textCache.has(n))
      textCache.set(
        n,
        doc.getPage(n).then((page) => page.getTextContent()),
      );
    return textCache.get(n);
  }

  async function render(p) {
    p.busy = true;
    try {
      await draw(p);
    } finally {
      p.busy = false;
    }
  }

  async function draw(p) {
    const target = scale;
    const page = await doc.getPage(p.n);
    const viewport = page.getViewport({ scale: target * CSS_UNITS });
    if (p.w !== viewport.width / target || p.h !== viewport.height / target) {
      p.w = viewport.width / target;
      p.h = viewport.height / target;
      size(p);
    }
    if (!p.rendered) p.div.dataset.state = "rendering";
    const canvas = document.createElement("canvas");
    const ratio = Math.min(
      window.devicePixelRatio || 1,
      Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height)),
    );
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    const transform = ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0];
    await page.render({ canvasContext: canvas.getContext("2d"), canvas, viewport, transform }).promise;
    const layer = document.createElement("div");
    layer.className = "textLayer";
    const textLayer = new lib.TextLayer({ textContentSource: await texts(p.n), container: layer, viewport });
    await textLayer.render();
    p.div.querySelector("canvas")?.remove();
    p.div.querySelector(".textLayer")?.remove();
    p.div.prepend(canvas, layer);
    p.spans = textLayer.textDivs;
    search.decorate(p.n, p.spans);
    p.rendered = target;
    p.div.dataset.state = "rendered";
  }

  // Scheduling: visible pages that are missing or stale, nearest to the current page first.
  const visible = new Set();
  let current = 1;
  let running = null;
  function schedule() {
    if (running) return;
    const next = [...visible]
      .filter((p) => p.rendered !== scale && !p.busy)
      .sort((a, b) => Math.abs(a.n - current) - Math.abs(b.n - current))[0];
    if (!next) return;
    running = render(next)
      .catch((error) => console.error(error))
      .finally(() => {
        running = null;
        schedule();
      });
  }
  async function ensureRendered(p) {
    while (p.rendered !== scale) {
      if (running) await running;
      else {
        running = render(p).finally(() => {
          running = null;
          schedule();
        });
        await running;
      }
    }
  }

  // The first page before anything else: the reader sees the document before the rest exists.
  await ensureRendered(pages[0]);
  root.dataset.state = "ready";
  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const p = pages[Number(e.target.dataset.pageNumber) - 1];
        if (e.isIntersecting) visible.add(p);
        else visible.delete(p);
      }
      schedule();
    },
    { root: stage, rootMargin: "100% 0px" },
  );
  for (const p of pages) observer.observe(p.div);

  // Navigation.
  const input = $("page-input");
  function goTo(n) {
    const p = pages[Math.min(doc.numPages, Math.max(1, n)) - 1];
    stage.scrollTop = p.div.offsetTop - 8;
    setCurrent(p.n);
    return p;
  }
  function setCurrent(n) {
    current = n;
    if (document.activeElement !== input) input.value = String(n);
    root.querySelector('[data-action="prev-page"]').disabled = n <= 1;
    root.querySelector('[data-action="next-page"]').disabled = n >= doc.numPages;
  }
  let scrollFrame = 0;
  stage.addEventListener("scroll", () => {
    cancelAnimationFrame(scrollFrame);
    scrollFrame = requestAnimationFrame(() => setCurrent(mostVisible()));
  });
  /** The page showing the most of itself in the stage; the earlier one on a tie. */
  function mostVisible() {
    const top = stage.scrollTop;
    const bottom = top + stage.clientHeight;
    let lo = 0;
    let hi = pages.length - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (pages[mid].div.offsetTop + pages[mid].div.offsetHeight <= top) lo = mid + 1;
      else hi = mid;
    }
    let best = lo;
    let bestArea = -1;
    for (let i = lo; i < pages.length && pages[i].div.offsetTop < bottom; i++) {
      const { offsetTop, offsetHeight } = pages[i].div;
      const area = Math.min(bottom, offsetTop + offsetHeight) - Math.max(top, offsetTop);
      if (area > bestArea) {
        best = i;
        bestArea = area;
      }
    }
    return best + 1;
  }
  ctx.on("prev-page", () => goTo(current - 1));
  ctx.on("next-page", () => goTo(current + 1));
  input.addEventListener("change", () => goTo(Number.parseInt(input.value, 10) || current));
  input.addEventListener("keydown", (e) => e.key === "Enter" && goTo(Number.parseInt(input.value, 10) || current));
  setCurrent(1);

  // Zoom keeps the reader at the same spot of the same page.
  function setScale(next) {
    const p = pages[current - 1];
    const within = (stage.scrollTop - p.div.offsetTop) / p.div.offsetHeight;
    scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.round(next * 1000) / 1000));
    pages.forEach(size);
    stage.scrollTop = p.div.offsetTop + within * p.div.offsetHeight;
    ctx.setZoomLabel(scale);
    root.dataset.scale = String(scale);
    schedule();
  }
  ctx.on("zoom-in", () => setScale(scale * 1.1));
  ctx.on("zoom-out", () => setScale(scale / 1.1));
  ctx.on("fit-width", () => setScale(fitWidth(pages[current - 1])));
  root.dataset.scale = String(scale);

  // Search.
  const query = $("search-input");
  query.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    if (search.active && query.dataset.searched === query.value) (e.shiftKey ? search.previous : search.next)();
    else {
      query.dataset.searched = query.value;
      search.find(query.value);
    }
  });
  ctx.on("search-next", () => (search.active ? search.next() : search.find(query.value)));
  ctx.on("search-prev", () => search.previous());
  async function showPage(n, focus = false) {
    const p = pages[n - 1];
    if (focus) {
      goTo(n);
      await ensureRendered(p);
      search.decorate(n, p.spans)?.scrollIntoView({ block: "center", inline: "nearest" });
    } else if (p.rendered) search.decorate(n, p.spans);
  }

  // Printing renders every page first: lazily rendered pages would print blank.
  ctx.onPreparePrint(async () => {
    for (const p of pages) await ensureRendered(p);
  });

  // Real page sizes, in the background (documents may mix portrait and landscape pages).
  for (const p of pages.slice(1)) {
    const vp = (await doc.getPage(p.n)).getViewport({ scale: CSS_UNITS });
    if (vp.width !== p.w || vp.height !== p.h) {
      p.w = vp.width;
      p.h = vp.height;
      size(p);
    }
  }
}
