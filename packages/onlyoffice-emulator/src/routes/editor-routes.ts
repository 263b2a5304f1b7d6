// The editor iframe and its actions. The same endpoints serve the browser (api.js posts the
// config here) and HTTP-level tests, so both go through the same checks.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { canInsertText } from "../config/editor-config.js";
import { verifyEditorConfig } from "../config/verify-config.js";
import { extractText } from "../documents/extract-text.js";
import { renderEditor, renderRefusal } from "../pages/editor-page.js";
import { liveConnections, type SessionContext } from "../session/context.js";
import { forcesave } from "../session/save-flow.js";
import { SessionError, type SessionManager } from "../session/session-manager.js";

function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** The origin the browser used to reach the emulator (DS builds its links from it). */
export function requestOrigin(req: FastifyRequest): string {
  const proto = String(req.headers["x-forwarded-proto"] ?? req.protocol)
    .split(",")[0]!
    .trim();
  const host = String(req.headers["x-forwarded-host"] ?? req.host)
    .split(",")[0]!
    .trim();
  return `${proto}://${host}`;
}

export function registerEditorRoutes(app: FastifyInstance, ctx: SessionContext, sessions: SessionManager): void {
  app.post("/emulator/editor", async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const handlersRaw = parseJson(body.handlers);
    const handlers = Array.isArray(handlersRaw) ? handlersRaw.filter((h): h is string => typeof h === "string") : [];
    const parentOrigin = typeof body.parentOrigin === "string" ? body.parentOrigin : undefined;
    const pageCtx = { handlers, parentOrigin };
    reply.type("text/html; charset=utf-8").header("cache-control", "no-store");
    const verified = await verifyEditorConfig(
      parseJson(body.config),
      ctx.options.jwtSecret,
      ctx.options.clockToleranceSec,
    );
    if (!verified.ok) {
      return renderRefusal({ error: verified.error, detail: verified.detail, requestRefresh: false }, pageCtx);
    }
    const config = verified.config;
    const opened = await sessions.open(config, requestOrigin(req), handlers);
    if (opened.kind === "refused") return renderRefusal({ ...opened, config }, pageCtx);
    const { connection, record } = opened;
    let text: string;
    try {
      text = await extractText(record.current, record.fileType);
    } catch (err) {
      text = `(the emulator cannot show this file's text: ${err instanceof Error ? err.message : String(err)})`;
    }
    const users = liveConnections(record).map((c) => ({
      id: c.config.user.id,
      name: c.config.user.name,
      editor: c.editor,
    }));
    return renderEditor(
      {
        connectionId: connection.id,
        config,
        role: connection.editor ? "editor" : "viewer",
        canInsert: canInsertText(config),
        text,
        title: record.title,
        users,
      },
      pageCtx,
    );
  });

  app.get<{ Params: { id: string } }>("/emulator/editor/:id/events", (req, reply) => {
    const connection = ctx.connections.get(req.params.id);
    if (connection?.state !== "open") {
      // 204 tells EventSource not to reconnect.
      return reply.code(204).send();
    }
    reply.hijack();
    ctx.events.attach(req.params.id, reply.raw);
  });

  app.post<{ Params: { id: string }; Body: { text?: unknown } }>("/emulator/editor/:id/insert", async (req) => {
    const text = typeof req.body?.text === "string" ? req.body.text : "";
    return { text: await sessions.insert(req.params.id, text) };
  });

  app.post<{ Params: { id: string } }>("/emulator/editor/:id/forcesave", async (req) => {
    const { connection, record } = sessions.connection(req.params.id);
    if (connection.state !== "open" || !connection.editor) throw new SessionError(409, "not an open editor");
    // The Save button exists only with customization.forcesave (spec: onlyoffice 1).
    if (!connection.config.forcesave) throw new SessionError(403, "customization.forcesave is off: no Save button");
    return { sent: await forcesave(ctx, record, { kind: "button", connection }) };
  });

  app.post<{ Params: { id: string } }>("/emulator/editor/:id/close", async (req) => {
    sessions.connection(req.params.id);
    sessions.leave(req.params.id, "closed");
    return { closed: true };
  });
}
