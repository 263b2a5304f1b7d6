// The ONLYOFFICE engine (issue 3): capabilities for routing, the session page (HTML or the signed
// config as JSON), document delivery to DS, and DS's callbacks.
import {
  type DocgateConfig,
  DocgateError,
  ENGINE_CAPABILITIES,
  fileExtension,
  type RepoConfig,
  type StateStore,
} from "@docgate/core";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Logger } from "pino";
import type { BusinessClient } from "../../adapters/source/index.js";
import { buildCsp, COMMON_HEADERS, newNonce } from "../../http/security-headers.js";
import type { SaveIntake } from "../../saves/save-intake.js";
import type { SessionEngine, SessionRequestContext } from "../session-engine.js";
import { registerCallbackRoute } from "./callback-route.js";
import { renderEditorPage } from "./editor-page.js";
import { registerFileRoute } from "./file-route.js";
import { FinalSaveFailures } from "./final-save-failures.js";
import { type OnlyofficeConfig, type OpenEditorDeps, openEditor } from "./open-editor.js";
import { createRefSealer, type RefSealer } from "./sealed-ref.js";

export interface OnlyofficeEngineDeps {
  config: DocgateConfig & { onlyoffice: OnlyofficeConfig };
  store: StateStore;
  businessClient: BusinessClient;
  /** The save pipeline's intake (packages/server/src/saves). */
  saveIntake: SaveIntake | undefined;
  logger: Logger;
  now(): number;
}

export const API_JS_PATH = "/web-apps/apps/api/documents/api.js";

export class OnlyofficeEngine implements SessionEngine {
  readonly id = "onlyoffice" as const;
  readonly finalSaveFailures = new FinalSaveFailures();
  readonly #deps: OnlyofficeEngineDeps;
  readonly #sealer: RefSealer;
  readonly #repos: Map<string, RepoConfig>;
  readonly #dsOrigin: string;
  readonly #apiUrl: string;

  constructor(deps: OnlyofficeEngineDeps) {
    this.#deps = deps;
    const oo = deps.config.onlyoffice;
    this.#sealer = createRefSealer(oo.jwtSecret);
    this.#repos = new Map(deps.config.repos.map((r) => [r.id, r]));
    this.#dsOrigin = new URL(oo.publicUrl).origin;
    this.#apiUrl = `${oo.publicUrl.replace(/\/+$/, "")}${API_JS_PATH}`;
  }

  canView(extension: string): boolean {
    return ENGINE_CAPABILITIES.onlyoffice.canView(extension);
  }

  canEdit(extension: string): boolean {
    return ENGINE_CAPABILITIES.onlyoffice.canEdit(extension);
  }

  registerRoutes(app: FastifyInstance): void {
    const { config, store, businessClient, now } = this.#deps;
    const common = {
      sealer: this.#sealer,
      jwtSecret: config.onlyoffice.jwtSecret,
      jwtHeader: config.onlyoffice.jwtHeader,
    };
    registerFileRoute(app, {
      ...common,
      store,
      businessClient,
      internalUrl: config.server.internalUrl,
      lookupRepo: (id) => this.#repos.get(id),
      now,
    });
    registerCallbackRoute(app, {
      ...common,
      store,
      finalSaveFailures: this.finalSaveFailures,
      intake: this.#deps.saveIntake,
      now,
    });
  }

  async handleSession(ctx: SessionRequestContext): Promise<FastifyReply> {
    const { session, request, reply, lang } = ctx;
    // Routing only sends ONLYOFFICE formats here; a stale session of another format is refused clearly.
    if (!this.canView(fileExtension(session.meta.name))) {
      throw new DocgateError("DOCGATE_FORMAT_UNSUPPORTED");
    }
    const result = await openEditor(this.#openDeps(), session, {
      lang,
      userAgent: request.headers["user-agent"],
    });
    reply.headers(COMMON_HEADERS);
    if (!ctx.wantsHtml) {
      // The same config the page uses, for onRequestRefreshFile and for integrators; 202 while waiting.
      return result.status === "ready"
        ? reply.code(200).send({ status: "ready", key: result.key, config: result.config, notices: result.notices })
        : reply.code(202).header("retry-after", "1").send(result);
    }
    const nonce = newNonce();
    const dsSources = [this.#dsOrigin];
    return reply
      .header(
        "content-security-policy",
        buildCsp({
          nonce,
          frameAncestors: ctx.frameAncestors,
          extra: { "script-src": dsSources, "frame-src": dsSources, "form-action": dsSources },
        }),
      )
      .type("text/html; charset=utf-8")
      .send(renderEditorPage({ lang, nonce, title: session.meta.name, apiUrl: this.#apiUrl, result }));
  }

  #openDeps(): OpenEditorDeps {
    const { config, store, now } = this.#deps;
    return {
      store,
      onlyoffice: config.onlyoffice,
      internalUrl: config.server.internalUrl,
      sealer: this.#sealer,
      finalSaveFailures: this.finalSaveFailures,
      now,
      onSaveGivenUp: (facts) =>
        this.#deps.logger.error(
          facts,
          "final save given up: the editing session ended; recover the edits from Document Server's forgotten files",
        ),
      watermarkTemplateOf: (repoId) => this.#repos.get(repoId)?.watermark,
    };
  }
}
