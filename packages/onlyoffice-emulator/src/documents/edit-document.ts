// Applies a text insertion to a document of any supported type and returns the new bytes.
// spec: onlyoffice 6: the returned file must be a real, valid document of the same type with the edit.
import JSZip from "jszip";
import { appendDocxText, type TrackedChange } from "./edit-docx.js";
import { appendPptxText } from "./edit-pptx.js";
import { appendXlsxText } from "./edit-xlsx.js";
import { DocumentFormatError } from "./ooxml-parts.js";

export const EDITABLE_TYPES = ["docx", "xlsx", "pptx"] as const;

export async function loadPackage(bytes: Uint8Array): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(bytes);
  } catch (err) {
    throw new DocumentFormatError(`not a zip package: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function insertText(
  bytes: Uint8Array,
  fileType: string,
  text: string,
  tracked?: TrackedChange,
): Promise<Uint8Array> {
  const zip = await loadPackage(bytes);
  if (fileType === "docx") await appendDocxText(zip, text, tracked);
  else if (fileType === "xlsx") await appendXlsxText(zip, text);
  else if (fileType === "pptx") await appendPptxText(zip, text);
  else throw new DocumentFormatError(`the emulator cannot edit .${fileType}`);
  // [Content_Types].xml must stay the first entry; jszip keeps insertion order, and we only rewrite parts.
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", mimeType: undefined });
}
