// The private-address guard, applied where the socket connects (config: repos[].allowPrivateNetwork).
// Checking a separate DNS answer before the request would let DNS rebinding swap the address between
// check and connect; wrapping the lookup net.connect itself uses means the checked address is the one
// dialled. IP-literal hosts never reach a lookup, which matches the rule that a context given as an IP
// literal is allowed as registered.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { DocgateError, isPrivateAddress } from "@docgate/core";
import type { LookupFunction } from "./types.js";

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function refusal(hostname: string, address: string): DocgateError {
  return new DocgateError("DOCGATE_PRIVATE_ADDRESS", {
    detail: `${hostname} resolves to ${address}.`,
    facts: { host: hostname, address },
  });
}

/**
 * Returns a lookup with net.connect's signature that resolves every address of the host and fails
 * with DOCGATE_PRIVATE_ADDRESS if any of them is private: a mixed answer could be dialled either way.
 */
export function guardedLookup(resolve: LookupFunction = dnsLookup): LookupFunction {
  const guarded = (hostname: string, options: unknown, callback: LookupCallback): void => {
    const opts = (typeof options === "object" && options !== null ? options : {}) as { all?: boolean; family?: number };
    resolve(hostname, { ...opts, all: true }, (err, addresses) => {
      if (err) return callback(err, opts.all ? [] : "", undefined);
      const list = addresses as LookupAddress[];
      const blocked = list.find((a) => isPrivateAddress(a.address));
      if (blocked) return callback(refusal(hostname, blocked.address) as NodeJS.ErrnoException, opts.all ? [] : "");
      if (opts.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "");
      callback(null, first.address, first.family);
    });
  };
  return guarded as unknown as LookupFunction;
}
