// base64(UTF-8 JSON) decoding for userinfo and meta (spec: entry 1, "Base64").
import type { ErrorCode } from "../errors/catalogue.js";
import { DocgateError } from "../errors/docgate-error.js";

/** Both alphabets (docgate rule: standard and URL-safe), optional padding, nothing else. */
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** A decoded value larger than this is not a userinfo or meta object. */
export const MAX_BASE64_JSON_LENGTH = 32 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes standard or URL-safe base64, with or without padding, to bytes. Returns null when the
 * text is not base64. A space is read as `+`: a standard-alphabet `+` that the signer forgot to
 * URL-encode arrives as a space after form-decoding, and the signature has already vouched for it.
 */
export function decodeBase64(text: string): Uint8Array | null {
  const normalised = text.includes(" ") ? text.replaceAll(" ", "+") : text;
  if (!BASE64.test(normalised)) return null;
  let bodyLength = normalised.length;
  while (bodyLength > 0 && normalised.charCodeAt(bodyLength - 1) === 0x3d /* = */) bodyLength--;
  // Padding, when present, must be exactly what the length needs.
  if (normalised.length !== bodyLength && normalised.length % 4 !== 0) return null;
  if (bodyLength % 4 === 1) return null;
  // Node's base64 decoder reads both alphabets (and a mix), with or without padding; the checks above
  // are what make it strict.
  return Buffer.from(normalised, "base64");
}

/**
 * base64 → UTF-8 → JSON. Errors carry `code` and name `field` (spec: entry 1, "a clear 4xx error
 * naming the field"). Returns the parsed JSON value, unvalidated.
 */
export function decodeBase64Json(text: string, field: string, code: ErrorCode): unknown {
  if (text.length > MAX_BASE64_JSON_LENGTH) {
    throw new DocgateError(code, { detail: `${field}: longer than ${MAX_BASE64_JSON_LENGTH} characters` });
  }
  const bytes = decodeBase64(text);
  if (!bytes) throw new DocgateError(code, { detail: `${field}: not valid base64` });
  let json: string;
  try {
    json = utf8.decode(bytes);
  } catch {
    throw new DocgateError(code, { detail: `${field}: base64 does not decode to UTF-8 text` });
  }
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new DocgateError(code, { detail: `${field}: decoded text is not JSON` });
  }
}
