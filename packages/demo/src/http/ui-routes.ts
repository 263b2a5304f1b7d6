// The demo's own pages: the document list, versions, uploads, the user switcher, and the two ways to
// open docgate (a new tab, or an iframe in the demo's page). Both go through GET /open, which signs
// the entry URL at click time and redirects, so the URL's 10 s window and single use never bite.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseCookieHeader } from "../auth/callback-credentials.js";
import { buildEntryUrl } from "../entry-link.js";
import { documentPage } from "../pages/document-page.js";
import { embedPage } from "../pages/embed-page.js";
import { homePage } from "../pages/home-page.js";
import { DEMO_CSS, messagePage, type PageContext } from "../pages/layout.js";
import { DEFAULT_USER, type DemoUser, findUser } from "../users.js";
import type { DemoContext } from "./demo-context.js";
import { attachmentDisposition, mimeTypeFor } from "./mime.js";
import { receiveUpload, UploadError } from "./multipart.js";

export const USER_COOKIE = "demo_user";

function currentUser(request: FastifyRequest): DemoUser {
  return findUser(parseCookieHeader(request.headers.cookie).get(USER_COOKIE)) ?? findUser(DEFAULT_USER)!;
}

function pageContext(ctx: DemoContext, request: FastifyRequest): PageContext {
  return { user: currentUser(request), editor: ctx.editor, docgateUrl: ctx.docgate.publicUrl, path: request.url };
}

function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply.code(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(page);
}

/** A local path to return to after a form post; anything else (`//evil`, absolute URLs) goes home. */
export function safeReturnPath(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/";
}

function parseAction(value: unknown): "view" | "edit" | undefined {
  return value === "view" || value === "edit" ? value : value === undefined ? "view" : undefined;
}

/** Form posts must come from the demo's own pages (a cheap CSRF guard; the demo has no real login). */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function registerUiRoutes(app: FastifyInstance, ctx: DemoContext): void {
  app.get("/assets/demo.css", async (_request, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "max-age=300").send(DEMO_CSS),
  );

  app.get("/", async (request, reply) =>
    sendPage(reply, homePage(pageContext(ctx, request), ctx.documents.listDocuments())),
  );

  app.post<{ Body: Record<string, string> | undefined }>("/user", async (request, reply) => {
    if (!sameOrigin(request)) return reply.code(403).send("cross-site form post refused");
    const user = findUser(request.body?.user);
    if (!user)
      return sendPage(
        reply,
        messagePage(pageContext(ctx, request), "未知用户 Unknown user", "No such demo user."),
        400,
      );
    return reply
      .header("set-cookie", `${USER_COOKIE}=${user.id}; Path=/; HttpOnly; SameSite=Lax`)
      .redirect(safeReturnPath(request.body?.returnTo), 303);
  });

  app.post("/docs", async (request, reply) => {
    const page = pageContext(ctx, request);
    if (!sameOrigin(request)) return reply.code(403).send("cross-site form post refused");
    if (!page.user.canEdit) {
      return sendPage(reply, messagePage(page, "不允许 Not allowed", `${page.user.displayName} may not upload.`), 403);
    }
    try {
      const upload = await receiveUpload(request.raw, ctx.documents, ctx.maxUploadBytes);
      const name = cleanFileName(upload.filename);
      if (name === "") {
        ctx.documents.discard(upload.file);
        return sendPage(reply, messagePage(page, "上传失败 Upload failed", "The file has no name."), 400);
      }
      const doc = ctx.documents.createDocument(name, page.user.id, upload.file, "upload");
      request.log.info({ docId: doc.id }, "document uploaded");
      return reply.redirect("/", 303);
    } catch (err) {
      if (err instanceof UploadError) {
        return sendPage(
          reply.header("connection", "close"),
          messagePage(page, "上传失败 Upload failed", err.message),
          err.status,
        );
      }
      throw err;
    }
  });

  app.get<{ Params: { docId: string } }>("/docs/:docId", async (request, reply) => {
    const page = pageContext(ctx, request);
    const doc = ctx.documents.getDocument(request.params.docId);
    if (!doc) return sendPage(reply, messagePage(page, "找不到 Not found", "No such document."), 404);
    return sendPage(reply, documentPage(page, doc, ctx.documents.listVersions(doc.id)));
  });

  app.get<{ Params: { docId: string; n: string } }>("/docs/:docId/versions/:n/file", async (request, reply) => {
    const page = pageContext(ctx, request);
    const doc = ctx.documents.getDocument(request.params.docId);
    const version = doc && ctx.documents.getVersion(doc.id, Number(request.params.n));
    if (!doc || !version) return sendPage(reply, messagePage(page, "找不到 Not found", "No such version."), 404);
    if (!page.user.rights.permissions.download) {
      return sendPage(
        reply,
        messagePage(page, "不允许 Not allowed", `${page.user.displayName} may not download.`),
        403,
      );
    }
    const { stream, size } = ctx.documents.openVersion(version);
    return reply
      .header("content-type", mimeTypeFor(doc.name))
      .header("content-length", String(size))
      .header("content-disposition", attachmentDisposition(doc.name))
      .send(stream);
  });

  app.get<{ Params: { docId: string }; Querystring: { action?: string } }>("/open/:docId", async (request, reply) => {
    const page = pageContext(ctx, request);
    const action = parseAction(request.query.action);
    const doc = ctx.documents.getDocument(request.params.docId);
    const version = doc && ctx.documents.latestVersion(doc.id);
    if (!doc || !version) return sendPage(reply, messagePage(page, "找不到 Not found", "No such document."), 404);
    if (!action) return sendPage(reply, messagePage(page, "错误 Bad request", "action must be view or edit."), 400);
    if (action === "edit" && !page.user.canEdit) {
      return sendPage(reply, messagePage(page, "不允许 Not allowed", `${page.user.displayName} may not edit.`), 403);
    }
    const canWrite = action === "edit" && page.user.rights.permissions.write;
    const { token } = ctx.tokens.issue({ userId: page.user.id, docId: doc.id, canWrite }, ctx.tokenTtlMs);
    const url = buildEntryUrl({
      docgate: ctx.docgate,
      context: ctx.context,
      user: page.user,
      document: doc,
      version,
      action,
      token,
      ts: ctx.now(),
    });
    // The signed URL carries the token: keep it out of caches and of the Referer sent onwards.
    return reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer").redirect(url, 302);
  });

  app.get<{ Params: { docId: string }; Querystring: { action?: string } }>("/embed/:docId", async (request, reply) => {
    const page = pageContext(ctx, request);
    const action = parseAction(request.query.action);
    const doc = ctx.documents.getDocument(request.params.docId);
    if (!doc) return sendPage(reply, messagePage(page, "找不到 Not found", "No such document."), 404);
    if (!action) return sendPage(reply, messagePage(page, "错误 Bad request", "action must be view or edit."), 400);
    return sendPage(reply, embedPage(page, doc, action));
  });
}

/** The last path segment of a browser-supplied file name, without control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return Array.from(base.replace(/[\u0000-\u001f\u007f]/g, "").trim())
    .slice(-200)
    .join("");
}
