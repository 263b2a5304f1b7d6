// What the built-in preview shows for a file name: a PDF made by LibreOffice, or the file itself
// for formats a browser (with the viewer's scripts) shows natively. One table, used by routing
// (canView), the pipeline (convert or not) and the rendition route (Content-Type).
import { DocgateError, ENGINE_CAPABILITIES, fileExtension, LIBREOFFICE_FORMATS, NATIVE_FORMATS } from "@docgate/core";

export type ViewerKind = "pdf" | "image" | "svg" | "text" | "markdown" | "csv" | "json";

export interface RenditionPlan {
  /** Lower-case extension of meta.name. */
  extension: string;
  /** What the viewer renders. */
  kind: ViewerKind;
  /** True when LibreOffice converts the source to PDF; false when the source is served itself. */
  convert: boolean;
  contentType: string;
}

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  bmp: "image/bmp",
  webp: "image/webp",
};

// Text is served as UTF-8 text; the viewer decodes it. Never text/html: nothing a business system
// stores may run as a page on docgate's origin (and the route adds a sandbox CSP on top).
const TEXT_TYPES: Record<Exclude<ViewerKind, "pdf" | "image">, string> = {
  svg: "image/svg+xml",
  text: "text/plain; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

export function canPreview(extension: string): boolean {
  return ENGINE_CAPABILITIES.builtin.canView(extension);
}

/** The plan for a document; DOCGATE_FORMAT_UNSUPPORTED when the built-in preview cannot show it. */
export function planFor(name: string): RenditionPlan {
  const extension = fileExtension(name);
  if (Object.hasOwn(NATIVE_FORMATS, extension)) {
    const kind = NATIVE_FORMATS[extension]!;
    const contentType =
      kind === "pdf"
        ? "application/pdf"
        : kind === "image"
          ? (IMAGE_TYPES[extension] ?? "image/png")
          : TEXT_TYPES[kind];
    return { extension, kind, convert: false, contentType };
  }
  if (LIBREOFFICE_FORMATS.has(extension)) {
    return { extension, kind: "pdf", convert: true, contentType: "application/pdf" };
  }
  throw new DocgateError("DOCGATE_FORMAT_UNSUPPORTED", {
    detail: `".${extension || "(none)"}" files cannot be previewed`,
  });
}

// Leading bytes of binary native formats. A file whose bytes do not match its extension is reported
// as damaged instead of being handed to the browser to fail silently.
const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  pdf: (h) => h.subarray(0, 1024).includes("%PDF-"),
  png: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpg: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  jpeg: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  gif: (h) => h.subarray(0, 4).toString("latin1") === "GIF8",
  bmp: (h) => h.subarray(0, 2).toString("latin1") === "BM",
  webp: (h) => h.subarray(0, 4).toString("latin1") === "RIFF" && h.subarray(8, 12).toString("latin1") === "WEBP",
};

/** False when `head` (the file's first KiB) cannot be a file of this extension. */
export function matchesSignature(extension: string, head: Buffer): boolean {
  const check = SIGNATURES[extension];
  return check ? check(head) : true;
}
