// The admin HTTP API for saves (issue 3, item 5), registered only when admin.token is configured: with
// no token the routes do not exist (404, the same as any unknown path), so an unconfigured docgate
// exposes nothing. With a token, every request must carry `Authorization: Bearer <admin.token>`
// (compared in constant time); anything else is 401 DOCGATE_UNAUTHORIZED.
import { createHash, timingSafeEqual } from "node:crypto";
import { DocgateError, type JobState, type StateStore } from "@docgate/core";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { listSaves, openSaveFile, retrySave } from "../../saves/saves-admin.js";
import type { Spool } from "../../saves/spool.js";

export interface AdminSavesDeps {
  token: string;
  store: StateStore;
  spool: Spool;
  now(): number;
  /** Wakes the save worker after a retry, so the save goes out now rather than at the next poll. */
  wake(): void;
}

const STATES: readonly JobState[] = ["pending", "running", "done", "held"];

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** Comparing digests keeps the comparison constant-time whatever the presented token's length. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? "");
  const presented = match?.[1] ?? "";
  const ok = timingSafeEqual(digest(presented), digest(token));
  return ok && presented.length > 0;
}

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name. */
function contentDisposition(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() || "save";
  const ascii = base.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`;
}

export function registerAdminSaveRoutes(app: FastifyInstance, deps: AdminSavesDeps): void {
  const authorize = async (request: FastifyRequest) => {
    if (!bearerMatches(request.headers.authorization, deps.token)) {
      throw new DocgateError("DOCGATE_UNAUTHORIZED", { detail: "Send Authorization: Bearer <admin.token>." });
    }
  };

  app.get<{ Querystring: { state?: string; limit?: string } }>(
    "/admin/saves",
    { onRequest: authorize },
    async (request, reply) => {
      const { state, limit } = request.query;
      if (state !== undefined && !STATES.includes(state as JobState)) {
        throw new DocgateError("DOCGATE_BAD_REQUEST", { detail: `state must be one of ${STATES.join(", ")}.` });
      }
      const n = limit === undefined ? undefined : Number(limit);
      if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 1000)) {
        throw new DocgateError("DOCGATE_BAD_REQUEST", { detail: "limit must be an integer from 1 to 1000." });
      }
      const saves = await listSaves(deps.store, { state: state as JobState | undefined, limit: n });
      return reply.header("cache-control", "no-store").send({ saves });
    },
  );

  app.post<{ Params: { id: string } }>("/admin/saves/:id/retry", { onRequest: authorize }, async (request, reply) => {
    const save = await retrySave(deps.store, request.params.id, deps.now());
    deps.wake();
    return reply.header("cache-control", "no-store").send({ save });
  });

  app.get<{ Params: { id: string } }>("/admin/saves/:id/file", { onRequest: authorize }, async (request, reply) => {
    const file = await openSaveFile(deps.store, deps.spool, request.params.id);
    return reply
      .header("cache-control", "no-store")
      .header("x-content-type-options", "nosniff")
      .header("content-disposition", contentDisposition(file.fileName))
      .header("content-length", String(file.size))
      .type(file.mimeType)
      .send(file.stream);
  });
}
