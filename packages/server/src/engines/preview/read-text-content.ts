// The bytes of a text-like rendition (text, markdown, csv, json) for the viewer, which renders them
// on the server. Bounded: the viewer shows at most MAX_TEXT_CHARS characters, so reading more than
// four bytes per character (UTF-8's worst case) could never change the page, only fill memory.
import { open } from "node:fs/promises";
import { MAX_TEXT_CHARS } from "./viewer/render-text.js";

export const MAX_TEXT_BYTES = MAX_TEXT_CHARS * 4;

export async function readTextContent(path: string, size: number, maxBytes = MAX_TEXT_BYTES): Promise<Uint8Array> {
  const length = Math.min(size, maxBytes);
  const file = await open(path, "r");
  try {
    const bytes = Buffer.alloc(length);
    const { bytesRead } = await file.read(bytes, 0, length, 0);
    const read = bytes.subarray(0, bytesRead);
    return size > maxBytes ? withoutCutCharacter(read) : read;
  } finally {
    await file.close();
  }
}

/**
 * Drops a UTF-8 sequence cut off by the read limit, so the strict UTF-8 decoder does not reject the
 * whole text (and fall back to GB18030) because of its last character.
 */
export function withoutCutCharacter(bytes: Buffer): Buffer {
  let start = bytes.length - 1;
  // Walk back over continuation bytes (10xxxxxx) to the lead byte of the last sequence.
  while (start >= 0 && start > bytes.length - 4 && (bytes[start]! & 0xc0) === 0x80) start--;
  if (start < 0) return bytes;
  const lead = bytes[start]!;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - start < needed ? bytes.subarray(0, start) : bytes;
}
