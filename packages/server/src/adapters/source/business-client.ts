// The one client for calls to business systems (spec: entry 3; config: fetch.*). Every download and
// upload docgate makes goes through createBusinessClient, so the host rule, params mapping,
// private-address guard, timeouts and size cap are enforced in one place.
import { Agent } from "undici";
import type { ClientContext } from "./client-context.js";
import { download } from "./download.js";
import { guardedLookup } from "./guarded-lookup.js";
import type { BusinessClient, BusinessClientOptions } from "./types.js";
import { upload } from "./upload.js";

export const DEFAULT_USER_AGENT = "docgate/0.1";

export function createBusinessClient(options: BusinessClientOptions): BusinessClient {
  const { lookup, ...rest } = options;
  const resolved = { ...rest, userAgent: options.userAgent ?? DEFAULT_USER_AGENT };
  const agent = (guard: boolean) =>
    new Agent({
      // connect.timeout covers DNS, TCP and TLS; headers/body timeouts are the idle timeout.
      connect: {
        timeout: options.connectTimeoutMs,
        ...(guard ? { lookup: guardedLookup(lookup) } : lookup ? { lookup } : {}),
      },
      headersTimeout: options.idleTimeoutMs,
      bodyTimeout: options.idleTimeoutMs,
    });
  const ctx: ClientContext = { options: resolved, guarded: agent(true), open: agent(false) };
  return {
    download: (req) => download(ctx, req),
    upload: (req) => upload(ctx, req),
    close: async () => {
      await Promise.all([ctx.guarded.close(), ctx.open.close()]);
    },
  };
}
