// Reading a DS callback (spec: onlyoffice 3-4). The fields come from the verified body token (claims
// at the top level), else from the verified header token's `payload`, and never from the plain body:
// an unsigned body is attacker-controlled, and DS itself drops fields from the plain body when the
// header token grows too large.
import { DocgateError } from "@docgate/core";
import { z } from "zod";
import { bearerToken, DsTokenError, verifyDsToken } from "./ds-jwt.js";

const fieldsSchema = z.object({
  key: z.string().regex(/^[0-9A-Za-z._=-]{1,128}$/),
  status: z.number().int().min(0).max(7),
  users: z.array(z.string()).optional(),
  actions: z.array(z.object({ type: z.number().int(), userid: z.string() }).loose()).optional(),
  url: z.string().min(1).optional(),
  filetype: z.string().max(16).optional(),
  forcesavetype: z.number().int().optional(),
  lastsave: z.string().optional(),
  userdata: z.string().optional(),
  notmodified: z.boolean().optional(),
});

export type CallbackFields = z.infer<typeof fieldsSchema>;

export interface CallbackSource {
  body: unknown;
  /** The value of DS's JWT header (onlyoffice.jwtHeader). */
  header: string | string[] | undefined;
  secret: string;
}

export async function readCallbackFields(source: CallbackSource): Promise<CallbackFields & { signedBy: string }> {
  const body = source.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new DocgateError("DOCGATE_CALLBACK_INVALID", { detail: "The body is not a JSON object." });
  }
  const bodyToken = (body as { token?: unknown }).token;
  const headerToken = bearerToken(source.header);
  let claims: Record<string, unknown>;
  let signedBy: string;
  if (typeof bodyToken === "string" && bodyToken !== "") {
    // A body token that fails is a rejection, not a reason to try the header.
    claims = await verified(bodyToken, source.secret);
    signedBy = "body";
  } else if (headerToken !== undefined) {
    const payload = (await verified(headerToken, source.secret)).payload;
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
      throw new DocgateError("DOCGATE_EDITOR_TOKEN_INVALID", { detail: "The header token has no payload object." });
    }
    claims = payload as Record<string, unknown>;
    signedBy = "header";
  } else {
    throw new DocgateError("DOCGATE_UNAUTHORIZED", { detail: "The callback carries no token." });
  }
  const parsed = fieldsSchema.safeParse(claims);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DocgateError("DOCGATE_CALLBACK_INVALID", {
      detail: `${issue?.path.join(".") || "fields"}: ${issue?.message ?? "invalid"}`,
    });
  }
  return { ...parsed.data, signedBy };
}

async function verified(token: string, secret: string): Promise<Record<string, unknown>> {
  try {
    return await verifyDsToken(token, secret);
  } catch (err) {
    if (err instanceof DsTokenError) throw new DocgateError("DOCGATE_EDITOR_TOKEN_INVALID", { detail: err.message });
    throw err;
  }
}
