// Locating the parts the emulator edits, following relationships as a real consumer would.
import type JSZip from "jszip";
import { attr, relationshipTarget, relsPathOf, resolvePartPath } from "./xml-text.js";

export class DocumentFormatError extends Error {
  override name = "DocumentFormatError";
}

export async function readPart(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new DocumentFormatError(`missing part ${path}`);
  return file.async("string");
}

/** The main part the package relationships point at (officeDocument). */
export async function mainPart(zip: JSZip): Promise<string> {
  const rels = await readPart(zip, "_rels/.rels");
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const type = attr(m[0], "Type") ?? "";
    if (type.endsWith("/officeDocument")) {
      const target = attr(m[0], "Target");
      if (target) return resolvePartPath("", target);
    }
  }
  throw new DocumentFormatError("no officeDocument relationship in _rels/.rels");
}

/** First `<tag ... r:id="...">` inside `containerTag` of `ownerPart`, resolved to a part path. */
export async function firstReferencedPart(
  zip: JSZip,
  ownerPart: string,
  ownerXml: string,
  itemTag: string,
): Promise<string> {
  const m = new RegExp(`<${itemTag}\\b[^>]*>`).exec(ownerXml);
  if (!m) throw new DocumentFormatError(`${ownerPart} has no <${itemTag}>`);
  const rId = attr(m[0], "r:id");
  if (!rId) throw new DocumentFormatError(`<${itemTag}> in ${ownerPart} has no r:id`);
  const rels = await readPart(zip, relsPathOf(ownerPart));
  const target = relationshipTarget(rels, rId);
  if (!target) throw new DocumentFormatError(`relationship ${rId} not found for ${ownerPart}`);
  return resolvePartPath(ownerPart, target);
}

/** Ordered list of parts referenced by `<itemTag r:id>` (slides, sheets). */
export async function referencedParts(zip: JSZip, ownerPart: string, ownerXml: string, itemTag: string) {
  const rels = await readPart(zip, relsPathOf(ownerPart));
  const out: string[] = [];
  for (const m of ownerXml.matchAll(new RegExp(`<${itemTag}\\b[^>]*>`, "g"))) {
    const rId = attr(m[0], "r:id");
    const target = rId ? relationshipTarget(rels, rId) : undefined;
    if (target) out.push(resolvePartPath(ownerPart, target));
  }
  return out;
}
