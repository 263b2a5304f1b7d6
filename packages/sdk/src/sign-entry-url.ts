// Builds a signed docgate entry URL (spec: zoffice-entry-protocol 1-2). Zero dependencies beyond
// node:crypto so business systems can vendor it, and so it doubles as the reference for the
// snippets in other languages.
import { createHmac } from "node:crypto";

/** The userinfo fields docgate reads (spec: entry 1). Other fields are ignored by docgate. */
export interface EntryUserInfo {
  id: string;
  display_name: string;
  email: string;
  photo_url?: string;
}

export type EntryParams = string | Record<string, string> | ReadonlyArray<readonly [string, string]>;

export interface SignEntryUrlOptions {
  /** docgate's public URL as browsers reach it, e.g. `https://docs.example.com` (a path prefix is kept). */
  baseUrl: string;
  repoId: string;
  /** One of the repo's active secrets. */
  secret: string;
  docId: string;
  /** Defaults to "view". */
  action?: "view" | "edit";
  /** An object (serialised with JSON.stringify) or JSON text sent byte-for-byte. */
  userinfo: EntryUserInfo | object | string;
  /** An object (serialised with JSON.stringify) or JSON text; see the meta table in the guide. */
  meta: object | string;
  downloadUrl: string;
  /** Required by docgate when action is "edit". */
  uploadUrl?: string;
  /** `k1=v1;k2=v2`, a record, or pairs; handed back on every call docgate makes (spec: entry 3). */
  params?: EntryParams;
  /** Epoch milliseconds; defaults to Date.now(). */
  ts?: number;
}

export const ENTRY_PATH = "/docs/app/driver-callback";

/** base64 (standard alphabet, with padding) of the UTF-8 JSON, as integrators send it (spec: entry 1). */
export function encodeJsonParam(value: object | string): string {
  const json = typeof value === "string" ? value : JSON.stringify(value);
  return Buffer.from(json, "utf8").toString("base64");
}

/** Joins params as `k=v;k=v`, refusing keys and values that would split differently on docgate's side. */
export function formatParams(params: EntryParams): string {
  if (typeof params === "string") return params;
  const pairs = Array.isArray(params) ? params : Object.entries(params);
  return pairs
    .map(([key, value]: readonly [string, string]) => {
      if (key === "" || key.includes("=") || key.includes(";"))
        throw new TypeError(`params key ${JSON.stringify(key)} is not allowed`);
      if (value.includes(";")) throw new TypeError(`params value for ${JSON.stringify(key)} must not contain ';'`);
      return `${key}=${value}`;
    })
    .join(";");
}

/** lowercase hex HMAC-SHA256 of the UTF-8 message with the UTF-8 secret (spec: entry 2). */
export function hmacHex(secret: string, message: string): string {
  return createHmac("sha256", secret).update(message, "utf8").digest("hex");
}

/**
 * Returns the full entry URL. The query is built with URLSearchParams in a fixed order, the
 * message `path + "?" + query` is signed, and HMAC is appended as the last parameter.
 * Create it just before redirecting: it is valid for a few seconds and works once.
 */
export function signEntryUrl(options: SignEntryUrlOptions): string {
  const base = new URL(options.baseUrl);
  const path = `${base.pathname.replace(/\/+$/, "")}${ENTRY_PATH}`;
  const query = new URLSearchParams();
  // The order of the spec's second test vector, so the SDK reproduces it exactly.
  query.append("repoId", options.repoId);
  query.append("action", options.action ?? "view");
  query.append("docId", options.docId);
  query.append("userinfo", encodeJsonParam(options.userinfo));
  query.append("meta", encodeJsonParam(options.meta));
  query.append("downloadUrl", options.downloadUrl);
  if (options.uploadUrl !== undefined && options.uploadUrl !== "") query.append("uploadUrl", options.uploadUrl);
  const params = options.params === undefined ? "" : formatParams(options.params);
  if (params !== "") query.append("params", params);
  query.append("ts", String(options.ts ?? Date.now()));
  const message = `${path}?${query.toString()}`;
  return `${base.origin}${message}&HMAC=${hmacHex(options.secret, message)}`;
}
