// Opening a session in ONLYOFFICE (issue 3, items 2 and 6; spec: onlyoffice 2): decide the key and
// the mode, build and sign the config.
//
// Keys and sessions across users:
// - An edit calls beginEdit with the key derived from (repoId, docId, modified_at, generation): with no
//   live session that key becomes live; otherwise the editor joins the live key (even when their own
//   modified_at is newer, spec: entry 5, and after forcesaves, which keep the key); while DS assembles
//   the final save ("saving") the open waits instead of reusing the dead key.
// - A view never starts an edit session (viewers send DS no callbacks, so nothing would ever end it).
//   While a session is live (editing or saving) the viewer joins its key in view mode, so they see the
//   live document (a dead key may still be viewed); otherwise the viewer gets the derived key, the
//   very key the next editor's beginEdit will make live, so both stay in one DS session.
import {
  buildEditorConfig,
  type DocgateConfig,
  type DocumentRecord,
  deriveDocumentKey,
  type EditorConfig,
  editorLanguage,
  fileExtension,
  mapRole,
  ONLYOFFICE_DOCUMENT_TYPES,
  type SessionRecord,
  type StateStore,
} from "@docgate/core";
import type { Lang } from "../../pages/language.js";
import { signConfig } from "./ds-jwt.js";
import { editorWatermark, type WatermarkTemplate, watermarkDateOf } from "./editor-watermark.js";
import type { FinalSaveFailures } from "./final-save-failures.js";
import { finalSaveJobId } from "./save-keys.js";
import type { RefSealer } from "./sealed-ref.js";

export type OnlyofficeConfig = NonNullable<DocgateConfig["onlyoffice"]>;

export interface OpenEditorDeps {
  store: StateStore;
  onlyoffice: OnlyofficeConfig;
  /** docgate's URL as DS reaches it (server.internalUrl). */
  internalUrl: string;
  sealer: RefSealer;
  finalSaveFailures: FinalSaveFailures;
  now(): number;
  /** Told when a final save is given up (giveUpLostSave). */
  onSaveGivenUp?(facts: { repoId: string; docId: string; key: string; reason: string }): void;
  watermarkTemplateOf(repoId: string): WatermarkTemplate | undefined;
}

export type EditorNotice = "readonly_write_permission_false" | "readonly_role_auditor" | "joined_live_session";

export type SignedEditorConfig = EditorConfig & { token: string };

export type OpenEditorResult =
  | { status: "ready"; key: string; config: SignedEditorConfig; notices: EditorNotice[] }
  | { status: "waiting-for-save"; retryAfterMs: number };

/** How long the page waits between polls while the previous version is being saved. */
export const WAIT_POLL_MS = 1000;

export async function openEditor(
  deps: OpenEditorDeps,
  session: SessionRecord,
  view: { lang: Lang; userAgent?: string },
): Promise<OpenEditorResult> {
  const now = deps.now();
  const { meta, user } = session;
  const doc = await deps.store.observeDocument(session.repoId, session.docId, meta.modified_at, now);
  const candidate = deriveDocumentKey({
    repoId: session.repoId,
    docId: session.docId,
    modifiedAt: doc.modifiedAt,
    generation: doc.generation,
  });
  const documentType = ONLYOFFICE_DOCUMENT_TYPES[fileExtension(meta.name)] ?? "word";
  const date = watermarkDateOf(now);
  const watermark = editorWatermark(meta.waterMark, deps.watermarkTemplateOf(session.repoId), user, date);
  const intended = mapRole({
    documentType,
    mode: session.effectiveMode,
    meta,
    chat: deps.onlyoffice.chat,
    watermarked: watermark !== undefined,
  });

  let key: string;
  let joined: DocumentRecord = doc;
  if (intended.mode === "edit") {
    const begun = await deps.store.beginEdit(session.repoId, session.docId, candidate, now);
    if (begun.outcome === "wait-for-save" && (await giveUpLostSave(deps, begun.document, now))) {
      // The session ended with a new generation: the key to start is derived afresh.
      return openEditor(deps, session, view);
    }
    if (begun.outcome === "wait-for-save") return { status: "waiting-for-save", retryAfterMs: WAIT_POLL_MS };
    key = begun.key;
    joined = begun.document;
    await deps.store.recordEditor(key, user.id, session.id, now);
  } else {
    key = doc.editKey ?? candidate;
  }

  const { config, mapping } = buildEditorConfig({
    meta,
    user,
    mode: session.effectiveMode,
    key,
    documentUrl: `${deps.internalUrl}/onlyoffice/files/${deps.sealer.seal("file", { sessionId: session.id, key })}`,
    callbackUrl: `${deps.internalUrl}/onlyoffice/callback/${deps.sealer.seal("callback", { sessionId: session.id, key })}`,
    language: editorLanguage(deps.onlyoffice.lang, view.lang),
    userAgent: view.userAgent,
    forcesave: deps.onlyoffice.forcesave,
    chat: deps.onlyoffice.chat,
    watermark,
    date,
  });
  const token = await signConfig(config, deps.onlyoffice.jwtSecret, session.expiresAt);
  return {
    status: "ready",
    key,
    config: { ...config, token },
    notices: noticesFor(session, mapping, joined, key, candidate),
  };
}

/**
 * An open waits while DS's final save is on its way (spec: onlyoffice 2). That wait must end if the
 * save will never come: no job was ever stored for it, and DS has given up (every attempt it makes
 * failed here, final-save-failures.ts) or the save is older than onlyoffice.finalSaveTimeoutMs (DS's
 * retries may have gone to another instance, or never reached docgate at all). Then the session ends
 * (abandonSave) and the caller opens afresh; the edits stay in DS's forgotten files, said in the log.
 */
async function giveUpLostSave(deps: OpenEditorDeps, doc: DocumentRecord, now: number): Promise<boolean> {
  const key = doc.editKey;
  if (doc.editState !== "saving" || key === null) return false;
  const exhausted = deps.finalSaveFailures.exhausted(key);
  if (!exhausted && now - doc.updatedAt < deps.onlyoffice.finalSaveTimeoutMs) return false;
  if (await deps.store.getJob(finalSaveJobId(key))) return false; // stored: it uploads (or is held) in order
  if (!(await deps.store.abandonSave(key, now))) return false;
  deps.finalSaveFailures.forget(key);
  const reason = exhausted
    ? "Document Server's final save failed to be stored every time it was sent"
    : `no final save was stored within onlyoffice.finalSaveTimeoutMs (${deps.onlyoffice.finalSaveTimeoutMs} ms)`;
  deps.onSaveGivenUp?.({ repoId: doc.repoId, docId: doc.docId, key, reason });
  return true;
}

function noticesFor(
  session: SessionRecord,
  mapping: { readOnlyBecause?: "role_auditor" },
  doc: DocumentRecord,
  key: string,
  candidate: string,
): EditorNotice[] {
  const notices: EditorNotice[] = [];
  if (session.readOnlyReason === "write_permission_false") notices.push("readonly_write_permission_false");
  else if (mapping.readOnlyBecause === "role_auditor") notices.push("readonly_role_auditor");
  // spec: entry 5: someone who arrives with a newer version than the live session's joins it anyway,
  // and is told the newer version loads after the session ends. After a forcesave the key also differs
  // from the candidate, but then the user's modified_at is the one docgate saved: no notice.
  if (key !== candidate && session.meta.modified_at > (doc.savedModifiedAt ?? "") && doc.editKey === key) {
    notices.push("joined_live_session");
  }
  return notices;
}
