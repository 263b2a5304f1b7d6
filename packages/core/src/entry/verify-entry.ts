// The entry use case's pure half (spec: entry 1-4): from the raw request target to a verified,
// decoded entry, or a DocgateError. Single use (the replay store) is the caller's, keyed by
// `fingerprint`; everything else about trusting an entry URL is decided here.
import type { RepoConfig } from "../config/schema.js";
import { DocgateError, isDocgateError } from "../errors/docgate-error.js";
import { checkFreshness, parseTs } from "./freshness.js";
import { assertUrlWithinContext } from "./host-rule.js";
import { decodeMeta } from "./meta-schema.js";
import { parseParams } from "./params.js";
import { parseRawTarget, truncate } from "./raw-query.js";
import { verifySignature } from "./signature.js";
import type { EntryAction, VerifiedEntry } from "./types.js";
import { decodeUserInfo } from "./userinfo-schema.js";

export interface VerifyEntryInput {
  /** The request target exactly as received, e.g. `/docs/app/driver-callback?...&HMAC=...`. */
  rawTarget: string;
  /** The registered repo for an id, or undefined. */
  lookupRepo: (repoId: string) => RepoConfig | undefined;
  /** Server time, epoch milliseconds. */
  now: number;
}

export const MAX_DOC_ID_LENGTH = 256;

/** The parameters that must be present and non-empty (uploadUrl too when action=edit). */
const REQUIRED = ["docId", "userinfo", "meta", "downloadUrl"] as const;

/**
 * Verifies an entry URL in the order that reveals least to an unsigned caller: parse → repo →
 * signature → freshness → fields → host rule → params. Only a signed URL learns anything about its
 * content's validity. Throws only DocgateError: anything else escaping would become a 5xx, so an
 * unexpected failure is wrapped as DOCGATE_BAD_REQUEST (and is a bug to fix).
 */
export function verifyEntry(input: VerifyEntryInput): VerifiedEntry {
  try {
    return verify(input);
  } catch (error) {
    if (isDocgateError(error)) throw error;
    if (error instanceof LookupFailure) throw error.cause;
    throw new DocgateError("DOCGATE_BAD_REQUEST", { detail: "the entry URL could not be read", cause: error });
  }
}

function verify({ rawTarget, lookupRepo, now }: VerifyEntryInput): VerifiedEntry {
  const parsed = parseRawTarget(rawTarget);
  // Plain loops and a module-level helper rather than closures: this runs on every entry.
  const values = new Map<string, string>();
  for (const pair of parsed.pairs) values.set(pair.key, pair.value);

  const repoId = nonEmpty(values, "repoId");
  if (repoId === undefined) throw new DocgateError("DOCGATE_PARAM_MISSING", { detail: "repoId is missing" });
  const repo = lookupRepoSafely(lookupRepo, repoId);
  // Array check: a lookup backed by a plain object would answer "__proto__" with Object.prototype.
  if (!repo || !Array.isArray(repo.secrets))
    throw new DocgateError("DOCGATE_REPO_UNKNOWN", { detail: `repoId ${JSON.stringify(truncate(repoId))}` });

  const signature = verifySignature(parsed, repo.secrets);

  const rawTs = nonEmpty(values, "ts");
  if (rawTs === undefined) throw new DocgateError("DOCGATE_PARAM_MISSING", { detail: "ts is missing" });
  const ts = parseTs(rawTs);
  checkFreshness(ts, now, repo);

  const action = parseAction(values.get("action"));
  const missing: string[] = [];
  for (const name of REQUIRED) if (nonEmpty(values, name) === undefined) missing.push(name);
  if (action === "edit" && nonEmpty(values, "uploadUrl") === undefined) missing.push("uploadUrl");
  if (missing.length > 0) {
    throw new DocgateError("DOCGATE_PARAM_MISSING", { detail: `missing: ${missing.join(", ")}` });
  }
  const docId = parseDocId(nonEmpty(values, "docId")!);
  const user = decodeUserInfo(nonEmpty(values, "userinfo")!);
  const meta = decodeMeta(nonEmpty(values, "meta")!, docId);

  const downloadUrl = assertUrlWithinContext("downloadUrl", nonEmpty(values, "downloadUrl")!, repo.context);
  // An empty or absent uploadUrl on a view is "none"; a present one must still obey the host rule.
  const rawUploadUrl = nonEmpty(values, "uploadUrl");
  const uploadUrl = rawUploadUrl === undefined ? null : assertUrlWithinContext("uploadUrl", rawUploadUrl, repo.context);

  const params = parseParams(values.get("params") ?? "", repo.headerPrefix);

  return {
    repoId,
    docId,
    action,
    user,
    meta,
    downloadUrl,
    uploadUrl,
    params,
    ts,
    fingerprint: replayFingerprint(ts, signature.fingerprint),
  };
}

/**
 * The single-use key (spec: entry 2, replay): the signed message's digest, behind the URL's ts in fixed
 * width hex. ts is part of the signed message, so the key is exactly as unique as the digest; the
 * prefix only orders keys by time, which keeps replay-record inserts at the right edge of their index
 * rather than on random pages (bench/entry.ts).
 */
export function replayFingerprint(ts: number, messageDigest: string): string {
  return `${Math.max(0, ts).toString(16).padStart(12, "0")}.${messageDigest}`;
}

/** A parameter's value, or undefined when it is absent or empty (spec: entry 1, empty = absent). */
function nonEmpty(values: ReadonlyMap<string, string>, name: string): string | undefined {
  const value = values.get(name);
  return value === undefined || value === "" ? undefined : value;
}

/** Carries a failure of the caller's lookup past the wrapper: a broken store is a 5xx, not a bad URL. */
class LookupFailure extends Error {}

function lookupRepoSafely(lookupRepo: VerifyEntryInput["lookupRepo"], repoId: string): RepoConfig | undefined {
  try {
    return lookupRepo(repoId);
  } catch (error) {
    throw new LookupFailure("repo lookup failed", { cause: error });
  }
}

/** spec: entry 1, action is `view` (default) or `edit`; an empty value counts as absent. */
function parseAction(raw: string | undefined): EntryAction {
  if (raw === undefined || raw === "" || raw === "view") return "view";
  if (raw === "edit") return "edit";
  throw new DocgateError("DOCGATE_PARAM_INVALID", { detail: "action: expected view or edit" });
}

/**
 * spec: entry 1, docId "must not contain `:`" (docgate uses `:` to join repoId and docId in keys).
 * Control characters are refused too: docId reaches logs, file names and editor keys.
 */
function parseDocId(docId: string): string {
  if (docId.length > MAX_DOC_ID_LENGTH) {
    throw new DocgateError("DOCGATE_PARAM_INVALID", { detail: `docId: longer than ${MAX_DOC_ID_LENGTH} characters` });
  }
  if (docId.includes(":")) throw new DocgateError("DOCGATE_PARAM_INVALID", { detail: "docId: must not contain ':'" });
  if (/[\u0000-\u001f\u007f]/.test(docId)) {
    throw new DocgateError("DOCGATE_PARAM_INVALID", { detail: "docId: contains a control character" });
  }
  return docId;
}
