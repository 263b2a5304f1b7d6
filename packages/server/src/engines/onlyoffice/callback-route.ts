// POST /onlyoffice/callback/:ref: DS's callbacks (issue 3, item 4; spec: onlyoffice 3-4). Unsigned or
// wrongly signed calls are refused (401/403) before anything is read or stored; {"error":0} only once
// the status is handled (for saves: stored durably); an error is HTTP 500 so DS retries a status 2.
import { DocgateError } from "@docgate/core";
import type { FastifyInstance } from "fastify";
import { readCallbackFields } from "./callback-fields.js";
import { type CallbackDeps, handleCallback } from "./handle-callback.js";
import type { RefSealer } from "./sealed-ref.js";

export const CALLBACK_PATH = "/onlyoffice/callback";

export interface CallbackRouteDeps extends CallbackDeps {
  sealer: RefSealer;
  jwtSecret: string;
  jwtHeader: string;
}

/** Callbacks carry the changes history twice (plain and in the token): allow more than the app default. */
const CALLBACK_BODY_LIMIT = 16 * 1024 * 1024;

export function registerCallbackRoute(app: FastifyInstance, deps: CallbackRouteDeps): void {
  app.post<{ Params: { ref: string } }>(
    `${CALLBACK_PATH}/:ref`,
    { bodyLimit: CALLBACK_BODY_LIMIT },
    async (request, reply) => {
      const fields = await readCallbackFields({
        body: request.body,
        header: request.headers[deps.jwtHeader.toLowerCase()],
        secret: deps.jwtSecret,
      });
      const ref = deps.sealer.open("callback", request.params.ref);
      if (!ref) throw new DocgateError("DOCGATE_CALLBACK_INVALID", { detail: "Unknown callback URL." });
      const log = request.log.child({ key: fields.key, status: fields.status });
      await handleCallback(deps, ref, fields, log);
      return reply.code(200).type("application/json").send({ error: 0 });
    },
  );
}
