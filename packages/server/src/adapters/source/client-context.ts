// What download and upload share: the options, the two connection pools, and the per-call set-up.
import type { Agent } from "undici";
import { type CallScope, openCallScope } from "./call-scope.js";
import { describeUrl } from "./same-origin.js";
import type { BusinessClientOptions, RepoTarget } from "./types.js";

export interface ClientContext {
  options: Required<Omit<BusinessClientOptions, "lookup">>;
  /** Refuses host names that resolve to private addresses (the default for every repo). */
  guarded: Agent;
  /** For repos registered with allowPrivateNetwork. */
  open: Agent;
}

/** Separate pools per policy, so a pooled connection never crosses from one policy to the other. */
export function agentFor(ctx: ClientContext, repo: RepoTarget): Agent {
  return repo.allowPrivateNetwork ? ctx.open : ctx.guarded;
}

export function scopeFor(ctx: ClientContext, url: string, signal: AbortSignal | undefined): CallScope {
  let target = "the business system";
  try {
    target = describeUrl(new URL(url));
  } catch {
    // An unparsable URL fails the host rule with its own message; keep the generic label here.
  }
  return openCallScope({
    totalTimeoutMs: ctx.options.totalTimeoutMs,
    connectTimeoutMs: ctx.options.connectTimeoutMs,
    idleTimeoutMs: ctx.options.idleTimeoutMs,
    callerSignal: signal,
    target,
  });
}
