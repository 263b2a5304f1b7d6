import { timingSafeEqual } from "node:crypto";
import { DocgateError, type SessionRecord, type StateStore } from "@docgate/core";
import { hashBindingToken } from "./open-entry-session.js";
import { looksLikeSessionId } from "./session-id.js";

/**
 * Loads a session for a browser request. The session id is the capability; the binding cookie, when
 * the browser kept it, additionally ties the session to that browser (issue 2, item 4): the first
 * request settles whether the browser has the cookie, and from then on a bound session demands it.
 */
export async function loadBrowserSession(
  store: StateStore,
  sessionId: string,
  bindingToken: string | undefined,
  now: number,
): Promise<SessionRecord> {
  if (!looksLikeSessionId(sessionId)) throw new DocgateError("DOCGATE_SESSION_NOT_FOUND");
  const session = await store.getSession(sessionId);
  if (!session) throw new DocgateError("DOCGATE_SESSION_NOT_FOUND");
  if (session.expiresAt <= now) throw new DocgateError("DOCGATE_SESSION_EXPIRED");

  const presented = bindingToken !== undefined && sameHash(hashBindingToken(bindingToken), session.browserBindingHash);
  if (bindingToken !== undefined && !presented) throw new DocgateError("DOCGATE_SESSION_BROWSER_MISMATCH");
  let bound = session.browserBound;
  if (bound === null) bound = (await store.settleBrowserBinding(session.id, presented)) ?? presented;
  if (bound && !presented) throw new DocgateError("DOCGATE_SESSION_BROWSER_MISMATCH");
  return { ...session, browserBound: bound };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
