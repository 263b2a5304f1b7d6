// Request decorations shared by routes and the error mapper.
declare module "fastify" {
  interface FastifyRequest {
    /** Origins allowed to frame the response, set by routes that know the repo (CSP frame-ancestors). */
    frameAncestors?: readonly string[];
    /**
     * What the route or the error mapper adds to the request's one log line (request-log.ts), and the
     * line's message when it should say more than "request completed".
     */
    logFacts?: Record<string, unknown>;
    logMessage?: string;
  }
}

export {};
