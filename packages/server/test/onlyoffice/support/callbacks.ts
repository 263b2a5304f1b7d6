// Sending DS-style callbacks through fastify.inject (spec: onlyoffice 3-4): DS puts the fields in the
// plain body, again in the body `token` (top level), and in the header token (`{payload}`).
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { dsCallbackTokens, pathOf } from "./oo-harness.js";

export type Signing = "both" | "body" | "header" | "none";

export interface CallbackOptions {
  signing?: Signing;
  secret?: string;
  /** Plain body fields, when they should differ from the signed ones. */
  plain?: Record<string, unknown>;
  /** Tokens to use instead of correctly signed ones. */
  bodyToken?: string;
  headerToken?: string;
}

export async function sendCallback(
  app: FastifyInstance,
  callbackUrl: string,
  fields: Record<string, unknown>,
  o: CallbackOptions = {},
): Promise<LightMyRequestResponse> {
  const signing = o.signing ?? "both";
  const tokens = await dsCallbackTokens(fields, o.secret);
  const body: Record<string, unknown> = { ...(o.plain ?? fields) };
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signing === "both" || signing === "body") body.token = o.bodyToken ?? tokens.body;
  if (signing === "both" || signing === "header") headers.authorization = `Bearer ${o.headerToken ?? tokens.header}`;
  return app.inject({ method: "POST", url: pathOf(callbackUrl), headers, payload: JSON.stringify(body) });
}
