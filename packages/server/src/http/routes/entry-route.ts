import type { FastifyInstance } from "fastify";
import { type OpenEntryDeps, openEntrySession } from "../../use-cases/open-entry-session.js";
import { bindingCookies } from "../binding-cookie.js";
import { COMMON_HEADERS } from "../security-headers.js";

export const ENTRY_PATH = "/docs/app/driver-callback";

/** GET /docs/app/driver-callback: the zOffice-compatible front door (spec: entry 1-2). */
export function registerEntryRoute(app: FastifyInstance, deps: OpenEntryDeps & { publicUrl: string }): void {
  const https = deps.publicUrl.startsWith("https:");
  app.get(ENTRY_PATH, async (request, reply) => {
    // The raw request target, exactly as received: the signature covers it (spec: entry 2).
    const target = request.raw.url ?? "";
    let opened: Awaited<ReturnType<typeof openEntrySession>>;
    try {
      opened = await openEntrySession(deps, target);
    } catch (error) {
      // The error page for this request may be framed by the repo that (claims it) sent it. Worked
      // out only here: a successful entry answers with a redirect, which no one frames.
      const repoId = claimedRepoId(target);
      request.frameAncestors = (repoId && deps.lookupRepo(repoId)?.frameAncestors) || [];
      throw error;
    }
    const { session, bindingToken } = opened;
    const maxAge = Math.floor((session.expiresAt - session.createdAt) / 1000);
    // The id's time prefix is not secret and tells sessions apart in logs; the random part is.
    request.logFacts = { sessionId: session.id.slice(0, 16), repoId: session.repoId, docId: session.docId };
    request.logMessage = "session opened";
    return reply
      .code(303)
      .headers(COMMON_HEADERS)
      .header("set-cookie", bindingCookies(session.id, bindingToken, maxAge, https))
      .header("location", `${deps.publicUrl}/s/${session.id}`)
      .send();
  });
}

const REPO_ID_PARAM = /[?&]repoId=([^&]*)/;

/** The repoId a request claims, unverified: only chooses who may frame its error page. */
function claimedRepoId(target: string): string | undefined {
  const raw = REPO_ID_PARAM.exec(target)?.[1];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw.replaceAll("+", " "));
  } catch {
    return undefined;
  }
}
