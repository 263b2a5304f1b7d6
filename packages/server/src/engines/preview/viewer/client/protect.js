// Copy and print protections (issue 4, item 6). The server already made the page unselectable and
// unprintable in CSS when the session forbids it; these handlers close the remaining paths:
// keyboard shortcuts, the context menu, drag-out, programmatic selections and window.print().
// Search and page-number inputs stay usable.

function isField(target) {
  return target instanceof Element && target.closest("input, textarea") !== null;
}

function accel(event) {
  return event.ctrlKey || event.metaKey;
}

/**
 * can: {copy, print, download}; notify(message) shows a short notice; copyBlockedMessage is its
 * localised text; print() is what a permitted Ctrl/Cmd+P does (the viewer prepares pages first).
 */
export function installProtections({ can, notify, copyBlockedMessage, print }) {
  const on = (type, handler) => document.addEventListener(type, handler, { capture: true });

  if (!can.copy) {
    const refuse = (event) => {
      if (isField(event.target)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (event.clipboardData) event.clipboardData.setData("text/plain", "");
      if (event.type === "copy" || event.type === "cut") notify(copyBlockedMessage);
    };
    for (const type of ["copy", "cut", "contextmenu", "selectstart", "dragstart"]) on(type, refuse);
    on("selectionchange", () => {
      const selection = document.getSelection();
      if (selection && selection.rangeCount > 0 && !isField(selection.anchorNode?.parentElement ?? null)) {
        if (selection.toString() !== "" || selection.type === "Range") selection.removeAllRanges();
      }
    });
  }

  on("keydown", (event) => {
    if (!accel(event)) return;
    const key = event.key.toLowerCase();
    if (key === "p") {
      event.preventDefault();
      event.stopImmediatePropagation();
      if (can.print) print();
      return;
    }
    // Saving the page would hand out the text and, for images, the file itself.
    if (key === "s" && !can.download) {
      event.preventDefault();
      return;
    }
    if (!can.copy && (key === "a" || key === "c" || key === "x") && !isField(event.target)) {
      event.preventDefault();
      if (key !== "a") notify(copyBlockedMessage);
    }
  });

  if (!can.print) {
    // Cosmetic on its own (the print CSS is what blanks the output), but it stops scripts and
    // bookmarklets from opening the dialog.
    window.print = () => {};
  }
}
