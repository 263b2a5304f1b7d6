// Request decorations shared by routes and the error mapper.
declare module "fastify" {
  interface FastifyRequest {
    /** Origins allowed to frame the response, set by routes that know the repo (CSP frame-ancestors). */
    frameAncestors?: readonly string[];
  }
}

export {};
