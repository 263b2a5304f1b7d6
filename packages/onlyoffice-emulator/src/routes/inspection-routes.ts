// Test-inspection API under /emulator/*: not part of DS. Tests read the emulator's state here
// (keys, sessions, callbacks sent, document fetches, forgotten files) and trigger simulations.
import type { FastifyInstance } from "fastify";
import type { CallbackRecord } from "../callbacks/callback-sender.js";
import type { SessionContext } from "../session/context.js";
import { simulateNetworkLoss } from "../session/session-controls.js";
import type { Connection, KeyRecord } from "../store/key-records.js";

export function describeConnection(c: Connection) {
  return {
    id: c.id,
    key: c.key,
    state: c.state,
    editor: c.editor,
    mode: c.config.mode,
    user: c.config.user,
    permissions: c.config.permissions,
    callbackUrl: c.config.callbackUrl,
    origin: c.origin,
    joinedAt: c.joinedAt,
  };
}

export function describeKey(r: KeyRecord) {
  return {
    key: r.key,
    url: r.url,
    ignoredUrls: r.ignoredUrls,
    fileType: r.fileType,
    title: r.title,
    phase: r.phase,
    dead: r.phase === "saving" || r.phase === "dead",
    deadSince: r.deadSince,
    saveOutcome: r.saveOutcome,
    changes: r.changes.map((c) => ({ at: c.at.toISOString(), user: c.user, text: c.text })),
    changesSinceForcesave: r.changesSinceForcesave,
    forcesaves: r.forcesaves,
    connections: [...r.connections.values()].map(describeConnection),
    size: r.current.byteLength,
  };
}

export function describeCallback(r: CallbackRecord) {
  return { ...r };
}

export function registerInspectionRoutes(app: FastifyInstance, ctx: SessionContext): void {
  app.get("/emulator", async () => ({
    emulator: "docgate ONLYOFFICE emulator",
    note: "Test-inspection API; not part of ONLYOFFICE Document Server.",
    endpoints: [
      "/emulator/keys",
      "/emulator/sessions",
      "/emulator/callbacks",
      "/emulator/fetches",
      "/emulator/forgotten",
    ],
  }));
  app.get("/emulator/keys", async () => ctx.keys.all().map(describeKey));
  app.get<{ Params: { key: string } }>("/emulator/keys/:key", async (req, reply) => {
    const r = ctx.keys.get(req.params.key);
    return r ? describeKey(r) : reply.code(404).send({ message: "unknown key" });
  });
  app.get<{ Params: { key: string } }>("/emulator/keys/:key/file", async (req, reply) => {
    const r = ctx.keys.get(req.params.key);
    return r ? reply.type("application/octet-stream").send(Buffer.from(r.current)) : reply.code(404).send();
  });
  app.get("/emulator/sessions", async () =>
    [...ctx.connections.values()].filter((c) => c.state === "open").map(describeConnection),
  );
  app.get("/emulator/callbacks", async () => ctx.sender.log.map(describeCallback));
  app.get("/emulator/fetches", async () => ctx.keys.fetches);
  app.get("/emulator/forgotten", async () => ctx.forgotten.list());
  app.get<{ Params: { id: string } }>("/emulator/forgotten/:id/file", async (req, reply) => {
    const f = ctx.forgotten.get(req.params.id);
    return f ? reply.type("application/octet-stream").send(Buffer.from(f.bytes)) : reply.code(404).send();
  });
  app.post<{ Body: { key?: unknown } }>("/emulator/simulate/network-loss", async (req, reply) => {
    const key = typeof req.body?.key === "string" ? req.body.key : "";
    const record = ctx.keys.get(key);
    if (!record) return reply.code(404).send({ message: "unknown key" });
    try {
      return { statuses: await simulateNetworkLoss(ctx, record) };
    } catch (err) {
      return reply.code(409).send({ message: err instanceof Error ? err.message : String(err) });
    }
  });
}
