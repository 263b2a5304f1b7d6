// DS's own HTTP API as docgate and browsers see it (spec: onlyoffice 1, 4, 5).
import type { FastifyInstance } from "fastify";
import { commandFields, runCommand } from "../command/command-service.js";
import { bearer } from "../jwt.js";
import { apiJs } from "../pages/api-js.js";
import type { SessionContext } from "../session/context.js";
import type { SessionManager } from "../session/session-manager.js";

export function registerDsRoutes(app: FastifyInstance, ctx: SessionContext, sessions: SessionManager): void {
  const script = apiJs(ctx.options.version);
  app.get("/web-apps/apps/api/documents/api.js", async (_req, reply) => {
    return reply.type("application/javascript; charset=utf-8").header("cache-control", "no-cache").send(script);
  });

  app.get("/healthcheck", async (_req, reply) => reply.type("text/plain").send("true"));

  const command = async (req: { body: unknown; headers: Record<string, string | string[] | undefined> }) => {
    try {
      const fields = await commandFields(ctx, req.body, bearer(req.headers[ctx.options.jwtHeader.toLowerCase()]));
      if (typeof fields.error === "number") return fields;
      return await runCommand(ctx, sessions, fields);
    } catch {
      return { error: 3 };
    }
  };
  // spec: onlyoffice 5: always HTTP 200 with {error}.
  app.post("/command", async (req) => command(req));
  app.post("/coauthoring/CommandService.ashx", async (req) => command(req));

  app.get<{ Params: { dir: string; name: string; name2: string }; Querystring: Record<string, string> }>(
    "/cache/files/data/:dir/:name/:name2",
    async (req, reply) => {
      const path = `/cache/files/data/${req.params.dir}/${req.params.name}/${req.params.name2}`;
      const found = ctx.links.lookup(path, req.query.md5, req.query.expires);
      if (!found.ok)
        return reply
          .code(found.status)
          .type("text/plain")
          .send(`ONLYOFFICE emulator: link ${found.status === 410 ? "expired" : "invalid"}`);
      return reply
        .type(found.file.contentType)
        .header("content-disposition", `attachment; filename="${req.params.name2}"`)
        .send(Buffer.from(found.file.bytes));
    },
  );
}
