import type { EngineCapabilities, SessionRecord } from "@docgate/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Lang } from "../pages/language.js";

/** What an engine gets to answer GET /s/:sessionId for a session routed to it. */
export interface SessionRequestContext {
  session: SessionRecord;
  request: FastifyRequest;
  reply: FastifyReply;
  lang: Lang;
  /** True when the browser asked for HTML; otherwise answer JSON (e.g. the editor config). */
  wantsHtml: boolean;
  /** Origins allowed to frame the page (the repo's frameAncestors), for the CSP. */
  frameAncestors: readonly string[];
}

/**
 * An engine plugged into docgate (ARCHITECTURE.md practice 3): it declares capabilities for routing,
 * serves its own routes (document delivery, callbacks, renditions, assets) and renders its sessions.
 */
export interface SessionEngine extends EngineCapabilities {
  registerRoutes(app: FastifyInstance): void;
  handleSession(ctx: SessionRequestContext): Promise<FastifyReply>;
  /** Background work the engine starts with the server (workers, pools). */
  start?(): Promise<void>;
  close?(): Promise<void>;
}
