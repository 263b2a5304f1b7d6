// Minimal XML text helpers for the OOXML edits (the emulator writes XML by hand, so escaping is central).

// Characters XML 1.0 does not allow, even escaped.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, ent: string) => {
    if (ent.startsWith("#x")) return String.fromCodePoint(Number.parseInt(ent.slice(2), 16));
    if (ent.startsWith("#")) return String.fromCodePoint(Number.parseInt(ent.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[ent] ?? "";
  });
}

/** Lines of the inserted text; each becomes a paragraph / row. */
export function textLines(text: string): string[] {
  return text.replace(/\r\n?/g, "\n").split("\n");
}

/** Resolves a relationship target relative to the part that owns the .rels file. */
export function resolvePartPath(ownerPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const base = ownerPart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") base.pop();
    else if (seg !== ".") base.push(seg);
  }
  return base.join("/");
}

export function relsPathOf(part: string): string {
  const dir = part.split("/").slice(0, -1).join("/");
  const name = part.split("/").pop();
  return `${dir ? `${dir}/` : ""}_rels/${name}.rels`;
}

/** Target of the relationship `rId` in a .rels XML. */
export function relationshipTarget(relsXml: string, rId: string): string | undefined {
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = m[0];
    if (attr(tag, "Id") === rId) return attr(tag, "Target");
  }
  return undefined;
}

export function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : undefined;
}
