// Content-Disposition with a non-ASCII file name (RFC 6266 / 5987): an ASCII fallback in
// `filename` and the exact UTF-8 name in `filename*`. Names come from meta, so quotes, CR/LF and
// backslashes never reach the header.

export function contentDisposition(type: "inline" | "attachment", name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_") || "document";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
