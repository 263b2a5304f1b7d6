// Shape of a callback request (spec: onlyoffice 3 and 4): the body carries the fields plus a `token`
// whose claims are the fields at the top level; the header carries `Bearer` + a token whose claims
// are {payload: fields}. When the header token would exceed the limit, changesurl and history are
// dropped from the header token and from the plain body (the body token keeps them).
import { signToken } from "../jwt.js";

export type CallbackFields = Record<string, unknown> & { key: string; status: number };

export interface CallbackRequest {
  body: Record<string, unknown>;
  headerToken: string;
  /** True when changesurl/history were removed because of the header size rule. */
  trimmed: boolean;
}

const BULKY = ["changesurl", "history"] as const;

export async function buildCallbackRequest(
  fields: CallbackFields,
  secret: string,
  ttlSec: number,
  headerLimit: number,
): Promise<CallbackRequest> {
  const bodyToken = await signToken(fields, secret, ttlSec);
  let headerToken = await signToken({ payload: fields }, secret, ttlSec);
  let plain: Record<string, unknown> = fields;
  let trimmed = false;
  if (headerToken.length > headerLimit) {
    plain = Object.fromEntries(Object.entries(fields).filter(([k]) => !(BULKY as readonly string[]).includes(k)));
    headerToken = await signToken({ payload: plain }, secret, ttlSec);
    trimmed = true;
  }
  return { body: { ...plain, token: bodyToken }, headerToken, trimmed };
}
