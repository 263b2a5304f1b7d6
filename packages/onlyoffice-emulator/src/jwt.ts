// HS256 helpers around jose (spec: onlyoffice 3).
import { errors, jwtVerify, SignJWT } from "jose";

export type Claims = Record<string, unknown>;

export class TokenError extends Error {
  constructor(
    readonly reason: "malformed" | "signature" | "expired",
    message: string,
  ) {
    super(message);
    this.name = "TokenError";
  }
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs `claims` as they are (no wrapper), adding iat and exp. */
export async function signToken(claims: Claims, secret: string, ttlSec: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSec)
    .sign(keyOf(secret));
}

/** Verifies an HS256 token; only HS256 is accepted, whatever the header says. */
export async function verifyToken(token: string, secret: string, clockToleranceSec: number): Promise<Claims> {
  if (typeof token !== "string" || token.split(".").length !== 3) {
    throw new TokenError("malformed", "token is not a compact JWS");
  }
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ["HS256"],
      clockTolerance: clockToleranceSec,
    });
    return payload as Claims;
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new TokenError("expired", "token expired");
    if (err instanceof errors.JWSSignatureVerificationFailed) throw new TokenError("signature", "bad signature");
    throw new TokenError("malformed", err instanceof Error ? err.message : String(err));
  }
}

/** Extracts the token from a header value like `Bearer xxx`. */
export function bearer(headerValue: string | string[] | undefined): string | undefined {
  const value = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  if (!value) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return m?.[1];
}
