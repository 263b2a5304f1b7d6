import { DocgateError, type StateStore } from "@docgate/core";
import type { FastifyInstance } from "fastify";

export interface HealthDeps {
  store: StateStore;
  /** False while starting or draining for shutdown. */
  isAccepting(): boolean;
}

/** /healthz: the process is alive. /readyz: it should receive traffic (state store answers, not draining). */
export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  app.get("/healthz", async (_request, reply) => reply.header("cache-control", "no-store").send({ status: "ok" }));
  app.get("/readyz", async (request, reply) => {
    if (!deps.isAccepting()) throw new DocgateError("DOCGATE_UNAVAILABLE", { detail: "draining for shutdown" });
    try {
      await deps.store.ping();
    } catch (err) {
      request.log.error({ err }, "state store ping failed");
      throw new DocgateError("DOCGATE_UNAVAILABLE", { detail: "the state store does not answer" });
    }
    return reply.header("cache-control", "no-store").send({ status: "ready" });
  });
}
