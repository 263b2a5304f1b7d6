import type { StateStore } from "@docgate/core";
import type { FastifyInstance } from "fastify";
import type { SessionEngine } from "../../engines/session-engine.js";
import { type Lang, pickLang } from "../../pages/language.js";
import { renderSessionPage } from "../../pages/session-page.js";
import { wantsHtml } from "../error-handler.js";
import { loadRequestSession } from "../request-session.js";
import { buildCsp, COMMON_HEADERS, newNonce } from "../security-headers.js";

export interface SessionRouteDeps {
  store: StateStore;
  frameAncestorsOf(repoId: string): readonly string[];
  langOf(repoId: string): Lang | undefined;
  engines: readonly SessionEngine[];
  now(): number;
}

/** GET /s/:sessionId: the page a successful entry redirects to; JSON for machines. */
export function registerSessionRoute(app: FastifyInstance, deps: SessionRouteDeps): void {
  app.get<{ Params: { sessionId: string }; Querystring: { lang?: string } }>(
    "/s/:sessionId",
    async (request, reply) => {
      const session = await loadRequestSession(request, deps);
      const frameAncestors = deps.frameAncestorsOf(session.repoId);
      reply.headers(COMMON_HEADERS).header("vary", "accept, accept-language, cookie");
      const lang = pickLang(request.headers["accept-language"], request.query.lang ?? deps.langOf(session.repoId));
      // The engine the session was routed to at entry renders it (issue 4, item 1).
      const engine = deps.engines.find((e) => e.id === session.engine);
      if (engine) {
        return engine.handleSession({
          session,
          request,
          reply,
          lang,
          wantsHtml: wantsHtml(request),
          frameAncestors,
        });
      }
      if (!wantsHtml(request)) {
        return reply.send({
          session: {
            repoId: session.repoId,
            docId: session.docId,
            requestedAction: session.requestedAction,
            effectiveMode: session.effectiveMode,
            readOnlyReason: session.readOnlyReason,
            user: { id: session.user.id, display_name: session.user.display_name },
            document: { name: session.meta.name, modified_at: session.meta.modified_at },
            permissions: session.meta.permissions,
            expiresAt: new Date(session.expiresAt).toISOString(),
          },
        });
      }
      const nonce = newNonce();
      return reply
        .header("content-security-policy", buildCsp({ nonce, frameAncestors }))
        .type("text/html; charset=utf-8")
        .send(renderSessionPage(session, lang, nonce));
    },
  );
}
