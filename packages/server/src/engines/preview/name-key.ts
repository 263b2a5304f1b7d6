// The server-side secret that cache file names are keyed with (docs/security.md, "Cache names"):
// 32 random bytes made on first start, kept in <dataDir>/keys/ with mode 0600. Without it, nobody
// (a document, a client, another tenant) can compute where a given document's rendition lives.
// Losing it only costs the cache: entries named with another key are never found and age out.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

const KEY_BYTES = 32;

export async function loadOrCreateNameKey(path: string): Promise<Buffer> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, randomBytes(KEY_BYTES), { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const key = await readFile(path);
  if (key.length !== KEY_BYTES) throw new Error(`${path} must hold ${KEY_BYTES} bytes; remove it to make a new one`);
  return key;
}
