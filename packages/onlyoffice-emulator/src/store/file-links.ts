// Temporary download links for saved files, shaped like DS's cache links
// (`/cache/files/data/<key>_<n>/output.docx/output.docx?md5=..&expires=..&filename=..`).
// spec: onlyoffice 4: `url` is a temporary link (about 15 minutes); after that it answers 410.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

interface StoredFile {
  bytes: Uint8Array;
  expiresAt: number;
  contentType: string;
}

export type LinkLookup = { ok: true; file: StoredFile } | { ok: false; status: 403 | 404 | 410 };

const CONTENT_TYPES: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  zip: "application/zip",
};

export class FileLinks {
  private readonly secret = randomBytes(32);
  private readonly files = new Map<string, StoredFile>();
  private counter = 0;

  constructor(private readonly ttlMs: number) {}

  private sign(path: string, expires: number): string {
    return createHmac("sha256", this.secret).update(`${expires}${path}`).digest("base64url").slice(0, 22);
  }

  /** Stores `bytes` and returns an absolute link under `origin`. */
  create(origin: string, key: string, filename: string, bytes: Uint8Array, folder?: string): string {
    this.sweep();
    const dir = folder ?? `${key}_${++this.counter}`;
    const path = `/cache/files/data/${dir}/${filename}/${filename}`;
    const expiresAt = Date.now() + this.ttlMs;
    const expires = Math.ceil(expiresAt / 1000);
    const ext = filename.split(".").pop() ?? "";
    this.files.set(path, { bytes, expiresAt, contentType: CONTENT_TYPES[ext] ?? "application/octet-stream" });
    const q = new URLSearchParams({ md5: this.sign(path, expires), expires: String(expires), filename });
    return `${origin}${path}?${q}`;
  }

  /** A folder name shared by the url and changesurl of one callback, as DS does. */
  newFolder(key: string): string {
    return `${key}_${++this.counter}`;
  }

  lookup(path: string, md5: string | undefined, expires: string | undefined): LinkLookup {
    const file = this.files.get(path);
    if (!file) return { ok: false, status: 404 };
    const expected = Buffer.from(this.sign(path, Number(expires)));
    const given = Buffer.from(md5 ?? "");
    if (!expires || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, status: 403 };
    }
    if (Date.now() > file.expiresAt || Date.now() / 1000 > Number(expires)) return { ok: false, status: 410 };
    return { ok: true, file };
  }

  private sweep(): void {
    // Expired entries are kept for a while so that a late download gets 410, not 404.
    const horizon = Date.now() - Math.max(this.ttlMs, 60_000);
    for (const [path, f] of this.files) if (f.expiresAt < horizon) this.files.delete(path);
  }
}
