// document.key derivation (spec: onlyoffice 2). DS treats one key as one editing session and one
// cached file, and ignores document.url for a key it already holds: so the key must change whenever
// the content changes outside the session (a new modified_at from the business system) and after
// every final save (generation), and must stay the same for everyone while a session lives.
import { createHash } from "node:crypto";

export interface DocumentKeyInput {
  repoId: string;
  docId: string;
  /** The business system's modified_at (spec: entry 5, the content identity). */
  modifiedAt: string;
  /** Increases after every final save (DocumentRecord.generation). */
  generation: number;
}

/** DS accepts only these characters, at most 128 of them; a bad key makes the editor hang. */
export const DOCUMENT_KEY_PATTERN = /^[0-9A-Za-z._=-]{1,128}$/;

/** 32 base64url characters = 192 bits of sha256: collisions are not a practical concern. */
export const DOCUMENT_KEY_LENGTH = 32;

/**
 * sha256 over an unambiguous encoding of the tuple (a JSON array, so "a:b"+"c" never equals "a"+"b:c"),
 * as base64url truncated to 32 characters. base64url's alphabet (A-Z a-z 0-9 - _) lies inside DS's
 * allowed set, and there is no padding. The version prefix lets a future scheme never reuse a key.
 */
export function deriveDocumentKey(input: DocumentKeyInput): string {
  if (!Number.isSafeInteger(input.generation) || input.generation < 0) {
    throw new RangeError(`generation must be a non-negative integer, got ${input.generation}`);
  }
  const material = JSON.stringify(["docgate-key-v1", input.repoId, input.docId, input.modifiedAt, input.generation]);
  return createHash("sha256").update(material, "utf8").digest("base64url").slice(0, DOCUMENT_KEY_LENGTH);
}

export function isValidDocumentKey(key: string): boolean {
  return DOCUMENT_KEY_PATTERN.test(key);
}
