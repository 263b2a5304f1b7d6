// Text, code, markdown, csv and json: the server rendered the content into the page; this module
// adds text zoom and puts the watermark over the document.

const STEPS = [0.6, 0.75, 0.9, 1, 1.15, 1.3, 1.5, 1.75, 2, 2.5];

export function start(ctx) {
  const { stage, root } = ctx;
  const doc = stage.querySelector(".dg-doc");
  let index = STEPS.indexOf(1);

  function apply() {
    doc.style.setProperty("--dg-text-zoom", String(STEPS[index]));
    ctx.setZoomLabel(STEPS[index]);
  }
  ctx.on("zoom-in", () => {
    index = Math.min(STEPS.length - 1, index + 1);
    apply();
  });
  ctx.on("zoom-out", () => {
    index = Math.max(0, index - 1);
    apply();
  });
  apply();
  if (ctx.watermark) ctx.watermark.attach(doc);
  root.dataset.state = "ready";
}
