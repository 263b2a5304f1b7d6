import { extname } from "node:path";
import { DocgateError } from "@docgate/core";

/** The LibreOffice application family a format opens in; the worker picks the PDF filter from it. */
export type DocumentKind = "writer" | "calc" | "impress";

// Formats the installed LibreOffice (writer, calc, impress) opens reliably. wps/et/dps are the
// Kingsoft WPS Office names, common in Chinese business systems; LibreOffice detects their content.
const KINDS: Record<string, DocumentKind> = {
  doc: "writer",
  docx: "writer",
  docm: "writer",
  dot: "writer",
  dotx: "writer",
  dotm: "writer",
  odt: "writer",
  ott: "writer",
  fodt: "writer",
  rtf: "writer",
  wps: "writer",
  txt: "writer",
  xls: "calc",
  xlsx: "calc",
  xlsm: "calc",
  xlsb: "calc",
  xlt: "calc",
  xltx: "calc",
  ods: "calc",
  ots: "calc",
  fods: "calc",
  csv: "calc",
  et: "calc",
  ppt: "impress",
  pptx: "impress",
  pptm: "impress",
  pps: "impress",
  ppsx: "impress",
  pot: "impress",
  potx: "impress",
  odp: "impress",
  otp: "impress",
  fodp: "impress",
  dps: "impress",
};

export interface DocumentFormat {
  /** Lower-case extension without the dot, e.g. "docx". */
  format: string;
  kind: DocumentKind;
}

/**
 * The format of a file to preview, from an explicit hint (spooled sources often have no
 * extension) or else the path's extension. Unknown formats fail before any worker is touched.
 */
export function documentFormat(inputPath: string, hint?: string): DocumentFormat {
  const format = (hint ?? extname(inputPath)).replace(/^\./, "").toLowerCase();
  const kind = Object.hasOwn(KINDS, format) ? KINDS[format] : undefined;
  if (!kind) {
    throw new DocgateError("DOCGATE_FORMAT_UNSUPPORTED", { detail: format ? `(.${format})` : "(no extension)" });
  }
  return { format, kind };
}

export function isPreviewableFormat(format: string): boolean {
  return Object.hasOwn(KINDS, format.replace(/^\./, "").toLowerCase());
}
