import type { SessionRecord, StateStore } from "@docgate/core";
import type { FastifyRequest } from "fastify";
import { loadBrowserSession } from "../use-cases/load-browser-session.js";
import { readBindingCookie } from "./binding-cookie.js";

export interface RequestSessionDeps {
  store: StateStore;
  frameAncestorsOf(repoId: string): readonly string[];
  now(): number;
}

/**
 * The session a /s/:sessionId/... request refers to, checked against the browser-binding cookie; also
 * lets the repo's business system frame the response (and its error pages).
 */
export async function loadRequestSession(
  request: FastifyRequest<{ Params: { sessionId: string } }>,
  deps: RequestSessionDeps,
): Promise<SessionRecord> {
  const session = await loadBrowserSession(
    deps.store,
    request.params.sessionId,
    readBindingCookie(request.headers.cookie),
    deps.now(),
  );
  request.frameAncestors = deps.frameAncestorsOf(session.repoId);
  return session;
}
