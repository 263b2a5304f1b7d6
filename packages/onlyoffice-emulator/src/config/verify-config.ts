// Config token verification with DS's rules (spec: onlyoffice 3). The emulator is stricter than DS:
// where DS silently prefers the signed value, a plain value that differs is refused.
import { DS_ERRORS, type DsError, emulatorError } from "../ds-errors.js";
import { type Claims, TokenError, verifyToken } from "../jwt.js";
import { keyProblem } from "./document-key.js";
import {
  canonicalJson,
  type EffectiveConfig,
  effectivePermissions,
  isObject,
  type JsonObject,
} from "./editor-config.js";

export type VerifyResult = { ok: true; config: EffectiveConfig } | { ok: false; error: DsError; detail: string };

const DOCUMENT_TYPES: Record<string, string> = {
  docx: "word",
  xlsx: "cell",
  pptx: "slide",
  pdf: "pdf",
};

function fail(error: DsError, detail: string): VerifyResult {
  return { ok: false, error, detail };
}

function get(o: unknown, path: string[]): unknown {
  let cur: unknown = o;
  for (const p of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

const REQUIRED_SIGNED: string[][] = [
  ["document", "key"],
  ["document", "url"],
  ["document", "permissions"],
  ["editorConfig", "callbackUrl"],
  ["editorConfig", "mode"],
];

export async function verifyEditorConfig(
  plain: unknown,
  secret: string,
  clockToleranceSec: number,
): Promise<VerifyResult> {
  if (!isObject(plain)) return fail(DS_ERRORS.tokenMalformed, "config is not an object");
  const token = plain.token;
  if (typeof token !== "string" || token.length === 0) return fail(DS_ERRORS.tokenMalformed, "config.token is missing");
  let claims: Claims;
  try {
    claims = await verifyToken(token, secret, clockToleranceSec);
  } catch (err) {
    if (err instanceof TokenError && err.reason === "expired") return fail(DS_ERRORS.tokenExpired, err.message);
    return fail(DS_ERRORS.tokenMalformed, err instanceof Error ? err.message : String(err));
  }
  // spec: onlyoffice 3: fields at the top level; a {payload: ...} wrapper leaves them missing.
  for (const path of REQUIRED_SIGNED) {
    const v = get(claims, path);
    if (v === undefined || v === null) return fail(DS_ERRORS.accessDeny, `signed config lacks ${path.join(".")}`);
  }
  for (const path of REQUIRED_SIGNED) {
    if (canonicalJson(get(claims, path)) !== canonicalJson(get(plain, path))) {
      return fail(DS_ERRORS.accessDeny, `signed ${path.join(".")} differs from the plain config`);
    }
  }
  const signedPermissions = get(claims, ["document", "permissions"]);
  if (!isObject(signedPermissions)) return fail(DS_ERRORS.accessDeny, "document.permissions is not an object");
  const { iat: _iat, exp: _exp, nbf: _nbf, ...signed } = claims as JsonObject;
  return buildEffective(signed, signedPermissions);
}

function buildEffective(signed: JsonObject, signedPermissions: JsonObject): VerifyResult {
  const key = get(signed, ["document", "key"]);
  const problem = keyProblem(key);
  if (problem) return fail(emulatorError(`${problem}; DS would hang on this key`), problem);
  const mode = get(signed, ["editorConfig", "mode"]);
  if (mode !== "edit" && mode !== "view") return fail(emulatorError(`editorConfig.mode must be edit or view`), "mode");
  const url = get(signed, ["document", "url"]);
  const callbackUrl = get(signed, ["editorConfig", "callbackUrl"]);
  for (const [name, v] of [
    ["document.url", url],
    ["editorConfig.callbackUrl", callbackUrl],
  ] as const) {
    if (typeof v !== "string" || !/^https?:\/\//.test(v)) {
      return fail(emulatorError(`${name} must be an absolute http(s) URL`), name);
    }
  }
  const fileType = String(get(signed, ["document", "fileType"]) ?? "").toLowerCase();
  const derivedType = DOCUMENT_TYPES[fileType];
  if (!derivedType)
    return fail(emulatorError(`document.fileType "${fileType}" is not supported by the emulator`), "ft");
  const documentType = String(get(signed, ["documentType"]) ?? derivedType);
  if (documentType !== derivedType) {
    return fail(emulatorError(`documentType "${documentType}" does not match fileType "${fileType}"`), "dt");
  }
  const userRaw = get(signed, ["editorConfig", "user"]);
  const user = isObject(userRaw) ? userRaw : {};
  const review = get(signed, ["editorConfig", "customization", "review"]);
  const reviewObj = isObject(review) ? review : {};
  const optBool = (v: unknown) => (typeof v === "boolean" ? v : undefined);
  const config: EffectiveConfig = {
    key: key as string,
    url: url as string,
    callbackUrl: callbackUrl as string,
    fileType,
    documentType,
    title: String(get(signed, ["document", "title"]) ?? `document.${fileType}`),
    mode,
    user: { id: String(user.id ?? "uid-anonymous"), name: String(user.name ?? "Anonymous") },
    permissions: effectivePermissions(signedPermissions),
    signedPermissions,
    forcesave: get(signed, ["editorConfig", "customization", "forcesave"]) === true,
    trackChanges:
      optBool(reviewObj.trackChanges) ?? optBool(get(signed, ["editorConfig", "customization", "trackChanges"])),
    reviewDisplay: typeof reviewObj.reviewDisplay === "string" ? reviewObj.reviewDisplay : undefined,
    showReviewChanges: optBool(reviewObj.showReviewChanges),
    watermark: get(signed, ["document", "options", "watermark_on_draw"]) as JsonObject | undefined,
    lang:
      typeof get(signed, ["editorConfig", "lang"]) === "string"
        ? String(get(signed, ["editorConfig", "lang"]))
        : undefined,
    signed,
  };
  return { ok: true, config };
}
