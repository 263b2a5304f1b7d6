import { hash } from "node:crypto";
import {
  chooseEngine,
  DocgateError,
  decideEffectiveMode,
  type EngineCapabilities,
  fileExtension,
  type RepoConfig,
  type SessionRecord,
  type StateStore,
  verifyEntry,
} from "@docgate/core";
import { newSessionCredentials } from "./session-id.js";

export interface OpenEntryDeps {
  store: StateStore;
  lookupRepo(id: string): RepoConfig | undefined;
  sessionTtlMs: number;
  now(): number;
  /** Engines available for routing; none: the session page only describes the session. */
  engines: readonly EngineCapabilities[];
  /** preview.engine, overridden per repo by repos[].previewEngine. */
  defaultPreference: "auto" | "onlyoffice" | "builtin";
}

export interface OpenedSession {
  session: SessionRecord;
  repo: RepoConfig;
  /** The browser-binding cookie value (only its hash is stored). */
  bindingToken: string;
}

export function hashBindingToken(token: string): string {
  return hash("sha256", token, "hex");
}

/**
 * The entry use case (spec: entry 1-2): verify the signed URL, consume it (single use), and create
 * the browser session that every later request of this user refers to.
 */
export async function openEntrySession(deps: OpenEntryDeps, rawTarget: string): Promise<OpenedSession> {
  const now = deps.now();
  const entry = verifyEntry({ rawTarget, lookupRepo: deps.lookupRepo, now });
  const repo = deps.lookupRepo(entry.repoId);
  if (!repo) throw new DocgateError("DOCGATE_REPO_UNKNOWN");
  const { effectiveMode, readOnlyReason } = decideEffectiveMode(entry.action, entry.meta.permissions);
  // Routing fails before the URL is consumed, so a business system can retry with action=view.
  const engine =
    deps.engines.length === 0
      ? null
      : chooseEngine(
          effectiveMode,
          fileExtension(entry.meta.name),
          repo.previewEngine ?? deps.defaultPreference,
          deps.engines,
        );

  // spec: entry 2, single use. The replay record must outlive every moment the URL could still pass
  // the freshness check, so it expires at ts + window (+ skew, for a ts from the future).
  const replayExpiresAt = Math.max(entry.ts, now) + repo.tsWindowMs + repo.tsFutureSkewMs;
  const { sessionId, bindingToken } = newSessionCredentials(now);
  const session: SessionRecord = {
    id: sessionId,
    browserBindingHash: hashBindingToken(bindingToken),
    browserBound: null,
    repoId: entry.repoId,
    docId: entry.docId,
    requestedAction: entry.action,
    effectiveMode,
    readOnlyReason,
    user: entry.user,
    meta: entry.meta,
    downloadUrl: entry.downloadUrl,
    uploadUrl: entry.uploadUrl,
    params: entry.params,
    engine,
    createdAt: now,
    expiresAt: now + deps.sessionTtlMs,
  };
  const outcome = await deps.store.openSession({ fingerprint: entry.fingerprint, replayExpiresAt, session });
  if (outcome === "replayed") throw new DocgateError("DOCGATE_REPLAYED");
  return { session, repo, bindingToken };
}
