// JWT between docgate and DS (spec: onlyoffice 3): HS256 with the shared secret; tokens DS sends
// expire after 5 minutes and docgate allows 60 s of clock skew.
import { errors, jwtVerify, SignJWT } from "jose";

export const CLOCK_TOLERANCE_SEC = 60;

export type TokenProblem = "missing" | "invalid";

export class DsTokenError extends Error {
  constructor(
    readonly problem: TokenProblem,
    message: string,
  ) {
    super(message);
    this.name = "DsTokenError";
  }
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** config.token: the config's own fields at the top level, no payload wrapper (spec: onlyoffice 3). */
export async function signConfig(config: object, secret: string, expiresAtMs: number): Promise<string> {
  return new SignJWT({ ...config })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAtMs / 1000))
    .sign(keyOf(secret));
}

/**
 * Verifies a token DS signed: HS256 only, exp required (DS always sets it, and a token without one
 * would be a capability forever), 60 s skew either way.
 */
export async function verifyDsToken(token: string, secret: string): Promise<Record<string, unknown>> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ["HS256"],
      clockTolerance: CLOCK_TOLERANCE_SEC,
      requiredClaims: ["exp"],
    });
    return payload as Record<string, unknown>;
  } catch (err) {
    const why = err instanceof errors.JOSEError ? err.code : "malformed";
    throw new DsTokenError("invalid", `token rejected (${why})`);
  }
}

/** The token of `Authorization: Bearer <jwt>` (DS's header name is configurable, JWT_HEADER). */
export function bearerToken(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  const match = text === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(text);
  return match?.[1];
}
