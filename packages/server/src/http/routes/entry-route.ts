import type { FastifyInstance } from "fastify";
import { type OpenEntryDeps, openEntrySession } from "../../use-cases/open-entry-session.js";
import { bindingCookies } from "../binding-cookie.js";
import { COMMON_HEADERS } from "../security-headers.js";

export const ENTRY_PATH = "/docs/app/driver-callback";

/** GET /docs/app/driver-callback: the zOffice-compatible front door (spec: entry 1-2). */
export function registerEntryRoute(app: FastifyInstance, deps: OpenEntryDeps & { publicUrl: string }): void {
  const https = deps.publicUrl.startsWith("https:");
  app.get(ENTRY_PATH, async (request, reply) => {
    // Error pages for this request may be framed by the repo that (claims it) sent it.
    const repoId = new URLSearchParams(request.raw.url?.split("?")[1] ?? "").get("repoId");
    request.frameAncestors = (repoId && deps.lookupRepo(repoId)?.frameAncestors) || [];

    // The raw request target, exactly as received: the signature covers it (spec: entry 2).
    const { session, bindingToken } = await openEntrySession(deps, request.raw.url ?? "");
    const maxAge = Math.floor((session.expiresAt - session.createdAt) / 1000);
    request.log.info(
      { sessionId: session.id.slice(0, 8), repoId: session.repoId, docId: session.docId },
      "session opened",
    );
    return reply
      .code(303)
      .headers(COMMON_HEADERS)
      .header("set-cookie", bindingCookies(session.id, bindingToken, maxAge, https))
      .header("location", `${deps.publicUrl}/s/${session.id}`)
      .send();
  });
}
