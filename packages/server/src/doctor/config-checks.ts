// Check 1: configuration sanity, without any network call. `localhost` / 127.0.0.1 in a URL another
// machine has to use is the most common integration failure: DS answers "Download failed" because it
// fetched the document from its own loopback (spec: onlyoffice 1, document.url must be reachable from DS).
import type { DocgateConfig } from "@docgate/core";
import type { CheckResult } from "./check-result.js";

/** localhost, *.localhost, 127.0.0.0/8, ::1 and 0.0.0.0: addresses that mean "this machine" only. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === "[::1]" ||
    host === "0.0.0.0" ||
    host === "[::]"
  );
}

/** A listen address (server.host) reachable from this machine only; 0.0.0.0 and :: mean every interface. */
function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === "0.0.0.0" || h === "::" || h === "[::]") return false;
  return isLoopbackUrl(`http://${h.includes(":") && !h.startsWith("[") ? `[${h}]` : h}/`);
}

/** DS's address as docgate calls it (onlyoffice.internalUrl, defaulting to publicUrl). */
export function dsInternalUrl(oo: NonNullable<DocgateConfig["onlyoffice"]>): string {
  return oo.internalUrl ?? oo.publicUrl;
}

export function checkDocgateInternalUrl(config: DocgateConfig): CheckResult {
  const id = "config.docgate-internal-url";
  const mine = config.server.internalUrl;
  const oo = config.onlyoffice;
  if (!oo) return { id, status: "ok", message: `server.internalUrl is ${mine}`, hint: "" };
  const ds = dsInternalUrl(oo);
  if (isLoopbackUrl(mine) && !isLoopbackUrl(ds)) {
    return {
      id,
      status: "warn",
      message:
        `server.internalUrl is ${mine}, a loopback address, but Document Server is at ${ds} (another host). ` +
        `DS fetches documents from server.internalUrl and posts saves to it, so it would call its own loopback: ` +
        `users see "Download failed" and saves never arrive.`,
      hint:
        "Set server.internalUrl to an address DS can reach (e.g. http://<docgate-host-ip>:" +
        `${config.server.port}), and make docgate listen on it (server.host 0.0.0.0 or that IP).`,
    };
  }
  if (isLoopbackUrl(mine)) {
    return {
      id,
      status: "ok",
      message: `server.internalUrl (${mine}) and DS (${ds}) are both on loopback: fine when they run on the same host.`,
      hint:
        "If DS runs in a container without --network=host, 127.0.0.1 inside it is the container itself: " +
        "use the host's IP (or host.docker.internal) in server.internalUrl instead.",
    };
  }
  return { id, status: "ok", message: `server.internalUrl is ${mine}, not a loopback address`, hint: "" };
}

/** A non-loopback server.internalUrl is useless if docgate only listens on loopback (the default host). */
export function checkListenAddress(config: DocgateConfig): CheckResult {
  const id = "config.listen-address";
  const { host, internalUrl } = config.server;
  if (config.onlyoffice && isLoopbackHost(host) && !isLoopbackUrl(internalUrl)) {
    return {
      id,
      status: "warn",
      message:
        `docgate listens on ${host} (server.host), which accepts connections from this machine only, ` +
        `but server.internalUrl (${internalUrl}) tells DS to connect from elsewhere.`,
      hint: "Set server.host to 0.0.0.0 (or the interface DS reaches), unless a reverse proxy on this host forwards to docgate.",
    };
  }
  return { id, status: "ok", message: `docgate listens on ${host}:${config.server.port}`, hint: "" };
}

export function checkDsPublicUrl(config: DocgateConfig): CheckResult {
  const id = "config.ds-public-url";
  const oo = config.onlyoffice;
  if (!oo) return { id, status: "ok", message: "no Document Server configured", hint: "" };
  if (isLoopbackUrl(oo.publicUrl) && !isLoopbackUrl(config.server.publicUrl)) {
    return {
      id,
      status: "warn",
      message:
        `onlyoffice.publicUrl is ${oo.publicUrl}, a loopback address, while browsers reach docgate at ` +
        `${config.server.publicUrl}: a browser on another machine cannot load api.js from its own loopback, ` +
        `so the editor never appears.`,
      hint: "Set onlyoffice.publicUrl to the address browsers use to reach Document Server (e.g. https://ds.example.com).",
    };
  }
  return { id, status: "ok", message: `browsers load the editor from ${oo.publicUrl}`, hint: "" };
}

export function checkConfig(config: DocgateConfig): CheckResult[] {
  if (!config.onlyoffice) {
    return [
      {
        id: "onlyoffice.configured",
        status: "warn",
        message: "no onlyoffice section: editing is off and documents open in the built-in preview only.",
        hint: "To edit, add onlyoffice { publicUrl, internalUrl, jwtSecret } (see docs/configuration.md).",
      },
    ];
  }
  return [checkDocgateInternalUrl(config), checkListenAddress(config), checkDsPublicUrl(config)];
}
