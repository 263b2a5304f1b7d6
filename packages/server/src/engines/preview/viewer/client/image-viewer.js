// Images (png, jpg, gif, bmp, webp, and svg through <img>, where it cannot run script): fit to the
// window by default, zoom in and out, actual size.

const STEP = 1.25;

export function start(ctx) {
  const { stage, root } = ctx;
  const frame = stage.querySelector(".dg-image-page");
  const img = stage.querySelector('[data-testid="image"]');
  let scale = 1;
  let fit = true;

  function natural() {
    // An SVG without width/height reports 0: treat it as 800 wide in its own aspect ratio.
    const w = img.naturalWidth || 800;
    const h = img.naturalHeight || w;
    return { w, h };
  }

  function fitScale() {
    const { w, h } = natural();
    const box = stage.getBoundingClientRect();
    return Math.min((box.width - 16) / w, (box.height - 64) / h, 1);
  }

  function apply() {
    if (fit) scale = fitScale();
    const { w } = natural();
    img.style.width = `${Math.max(1, Math.round(w * scale))}px`;
    img.style.height = "auto";
    ctx.setZoomLabel(scale);
  }

  function zoom(next) {
    fit = false;
    scale = Math.min(16, Math.max(0.05, next));
    apply();
  }

  ctx.on("zoom-in", () => zoom(scale * STEP));
  ctx.on("zoom-out", () => zoom(scale / STEP));
  ctx.on("actual-size", () => zoom(1));
  ctx.on("fit-page", () => {
    fit = true;
    apply();
  });
  window.addEventListener("resize", () => fit && apply());

  if (ctx.watermark) ctx.watermark.attach(frame);
  const ready = () => {
    apply();
    root.dataset.state = "ready";
  };
  // decode() settles whether the image finished, failed or is still loading when this module runs;
  // an SVG without intrinsic size still decodes.
  img.decode().then(ready, () => (img.naturalWidth > 0 ? ready() : ctx.fail()));
}
