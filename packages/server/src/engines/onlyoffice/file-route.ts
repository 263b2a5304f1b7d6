// GET /onlyoffice/files/:ref: document.url as DS fetches it (issue 3, item 3; spec: onlyoffice 3).
// DS proves itself with `Authorization: Bearer <jwt>` whose payload.url is exactly this URL; docgate
// then streams the file from the business system's downloadUrl with the session user's params,
// through the one business client (host rule, params, timeouts, size cap). Nothing is buffered: the
// upstream body is piped to DS, and DS hanging up aborts the upstream call.
import { DocgateError, type RepoConfig, type StateStore } from "@docgate/core";
import type { FastifyInstance } from "fastify";
import type { BusinessClient } from "../../adapters/source/index.js";
import { bearerToken, DsTokenError, verifyDsToken } from "./ds-jwt.js";
import type { RefSealer } from "./sealed-ref.js";

export const FILE_PATH = "/onlyoffice/files";

export interface FileRouteDeps {
  store: StateStore;
  businessClient: BusinessClient;
  sealer: RefSealer;
  jwtSecret: string;
  /** DS's header name (onlyoffice.jwtHeader, DS's JWT_HEADER). */
  jwtHeader: string;
  /** server.internalUrl: document.url is built on it, so payload.url must be too. */
  internalUrl: string;
  lookupRepo(id: string): RepoConfig | undefined;
  now(): number;
}

export function registerFileRoute(app: FastifyInstance, deps: FileRouteDeps): void {
  app.get<{ Params: { ref: string } }>(`${FILE_PATH}/:ref`, { exposeHeadRoute: false }, async (request, reply) => {
    const token = bearerToken(request.headers[deps.jwtHeader.toLowerCase()]);
    if (token === undefined) {
      throw new DocgateError("DOCGATE_UNAUTHORIZED", { detail: `No Bearer token in ${deps.jwtHeader}.` });
    }
    let claims: Record<string, unknown>;
    try {
      claims = await verifyDsToken(token, deps.jwtSecret);
    } catch (err) {
      if (err instanceof DsTokenError) throw new DocgateError("DOCGATE_EDITOR_TOKEN_INVALID", { detail: err.message });
      throw err;
    }
    const expected = `${deps.internalUrl}${FILE_PATH}/${request.params.ref}`;
    const payload = claims.payload;
    const signedUrl = payload && typeof payload === "object" ? (payload as { url?: unknown }).url : undefined;
    if (signedUrl !== expected) {
      throw new DocgateError("DOCGATE_EDITOR_TOKEN_INVALID", { detail: "The token was signed for another URL." });
    }

    const ref = deps.sealer.open("file", request.params.ref);
    if (!ref) throw new DocgateError("DOCGATE_NOT_FOUND");
    const session = await deps.store.getSession(ref.sessionId);
    if (!session) throw new DocgateError("DOCGATE_SESSION_NOT_FOUND");
    if (session.expiresAt <= deps.now()) throw new DocgateError("DOCGATE_SESSION_EXPIRED");
    const repo = deps.lookupRepo(session.repoId);
    if (!repo) throw new DocgateError("DOCGATE_REPO_UNKNOWN");

    const abort = new AbortController();
    reply.raw.on("close", () => {
      if (!reply.raw.writableFinished) abort.abort(new Error("Document Server closed the connection"));
    });
    const file = await deps.businessClient.download({
      url: session.downloadUrl,
      repo,
      params: session.params,
      signal: abort.signal,
    });
    request.log.info(
      { key: ref.key, sessionId: session.id.slice(0, 8), bytes: file.contentLength ?? "unknown" },
      "document server fetching the file",
    );
    reply.code(200).header("content-type", file.contentType).header("cache-control", "no-store");
    if (file.contentLength !== undefined) reply.header("content-length", String(file.contentLength));
    return reply.send(file.body);
  });
}
