// The opaque path segments of document.url and callbackUrl. They name (session, key) without showing
// either: the session id is the user's browser capability and must not travel to DS's logs in clear.
// AES-256-GCM makes them unguessable and tamper-proof at once; the purpose is authenticated data, so a
// file reference never works as a callback reference. The key is derived from onlyoffice.jwtSecret
// (domain-separated), so every docgate process sharing that secret can open what another sealed.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

export type RefPurpose = "file" | "callback";

export interface EditorRef {
  /** Browser session id. */
  sessionId: string;
  /** document.key. */
  key: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Fits fastify's maxParamLength (200): 43 + 32 characters of ids → about 160 characters sealed. */
const REF_PATTERN = /^[A-Za-z0-9_-]{40,200}$/;

export interface RefSealer {
  seal(purpose: RefPurpose, ref: EditorRef): string;
  /** undefined for anything this docgate did not seal for that purpose. */
  open(purpose: RefPurpose, sealed: string): EditorRef | undefined;
}

export function createRefSealer(secret: string): RefSealer {
  const key = createHash("sha256").update("docgate-onlyoffice-ref-v1\0").update(secret).digest();
  return {
    seal(purpose, ref) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([cipher.update(JSON.stringify([ref.sessionId, ref.key]), "utf8"), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
    },
    open(purpose, sealed) {
      if (!REF_PATTERN.test(sealed)) return undefined;
      const raw = Buffer.from(sealed, "base64url");
      if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(purpose));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const plain = Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
          decipher.final(),
        ]);
        const parsed: unknown = JSON.parse(plain.toString("utf8"));
        if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
        const [sessionId, docKey] = parsed;
        if (typeof sessionId !== "string" || typeof docKey !== "string") return undefined;
        return { sessionId, key: docKey };
      } catch {
        return undefined;
      }
    },
  };
}
