// What each callback status does (issue 3, item 4; spec: onlyoffice 4).
//   1  an editor joined or left: remember who edits; after a 4 (network loss) the key becomes live again.
//   4  closed without changes: the session ends (unless a later 1 resumes it).
//   2/3 with url (final): the key is dead at DS from this moment, so the document is marked "saving"
//      *before* the file is handed over (opens now wait, spec: onlyoffice 2), then the save pipeline
//      downloads and stores it; only then does DS get {"error":0}. Status 3 with a url is the same
//      final save (DS still produced a file), so it is marked saving too.
//   6/7 with url (forcesave): handed over the same way; the key stays.
//   3/7 without url: nothing to save; logged (a 3 also ends the session).
// Idempotent: a repeated status 2 carries the same dedupe key, and the intake stores it once.
import { DocgateError, type StateStore } from "@docgate/core";
import type { FastifyBaseLogger } from "fastify";
import type { SaveIntake } from "../../saves/save-intake.js";
import type { CallbackFields } from "./callback-fields.js";
import type { FinalSaveFailures } from "./final-save-failures.js";
import { finalSaveDedupeKey } from "./save-keys.js";
import type { EditorRef } from "./sealed-ref.js";

export interface CallbackDeps {
  store: StateStore;
  finalSaveFailures: FinalSaveFailures;
  /** The save pipeline; absent only when no pipeline is configured (saves are then refused with 500). */
  intake: SaveIntake | undefined;
  now(): number;
}

export async function handleCallback(
  deps: CallbackDeps,
  ref: EditorRef,
  fields: CallbackFields,
  log: FastifyBaseLogger,
): Promise<void> {
  if (fields.key !== ref.key) {
    throw new DocgateError("DOCGATE_CALLBACK_INVALID", { detail: "The callback's key is not this URL's key." });
  }
  const { key, status } = fields;
  const now = deps.now();
  const owner = await deps.store.getSession(ref.sessionId);
  const doc = owner
    ? { repoId: owner.repoId, docId: owner.docId }
    : await deps.store.findDocumentByEditKey(key).then((d) => d && { repoId: d.repoId, docId: d.docId });

  switch (status) {
    case 1: {
      if (!doc) return void log.warn({ key }, "status 1 for a key whose session is gone");
      const current = await deps.store.getDocument(doc.repoId, doc.docId);
      if (current?.editKey !== key) {
        const resumed = await deps.store.resumeEdit(doc.repoId, doc.docId, key, now);
        log.info({ key, resumed }, "status 1 after the session ended: resuming it");
      }
      return;
    }
    case 4: {
      const ended = await deps.store.endEdit(key, now);
      log.info({ key, ended }, "editing session closed without changes");
      return;
    }
    case 2:
    case 3:
    case 6:
    case 7: {
      if (fields.url === undefined) {
        log.warn({ key, status }, "save error from Document Server without a file");
        if (status === 3) await deps.store.endEdit(key, now);
        return;
      }
      const final = status === 2 || status === 3;
      if (final && !(await deps.store.markEditSaving(key, now))) {
        log.warn({ key, status }, "final save for a key that is not live; storing it anyway");
      }
      if (!doc) {
        throw new DocgateError("DOCGATE_SAVE_STORE_FAILED", {
          detail: "Neither the session nor the live key is known.",
        });
      }
      if (!deps.intake) throw new DocgateError("DOCGATE_SAVE_STORE_FAILED", { detail: "No save pipeline is running." });
      const lastEditorId = fields.users?.[0];
      const uploader = await uploaderSession(deps, key, lastEditorId, ref.sessionId);
      const fileName = (uploader?.meta.name ?? owner?.meta.name ?? `document.${fields.filetype ?? "bin"}`)
        .split(/[\\/]/)
        .pop() as string;
      const accepting = deps.intake.acceptSave({
        key,
        status,
        final,
        dsUrl: fields.url,
        ...(fields.filetype !== undefined ? { fileType: fields.filetype } : {}),
        ...(lastEditorId !== undefined ? { lastEditorId } : {}),
        repoId: doc.repoId,
        docId: doc.docId,
        sessionId: uploader?.id ?? ref.sessionId,
        fileName,
        dedupeKey: final ? finalSaveDedupeKey(key) : `onlyoffice:${key}:forcesave:${fields.lastsave ?? fields.url}`,
        ...(fields.forcesavetype !== undefined ? { forcesaveType: fields.forcesavetype } : {}),
      });
      const result = await accepting.catch((err: unknown) => {
        // DS retries this a few times, then gives up (final-save-failures.ts).
        if (final) deps.finalSaveFailures.record(key);
        throw err;
      });
      log.info({ key, status, jobId: result.jobId, duplicate: result.duplicate }, "save handed to the pipeline");
      if (final) deps.finalSaveFailures.forget(key);
      return;
    }
    default:
      log.info({ key, status }, "callback status ignored");
  }
}

/** The last editor's session if it is known and still exists, else the callback URL's. */
async function uploaderSession(deps: CallbackDeps, key: string, lastEditorId: string | undefined, fallback: string) {
  const known = lastEditorId === undefined ? undefined : await deps.store.editorSession(key, lastEditorId);
  if (known !== undefined && known !== fallback) {
    const session = await deps.store.getSession(known);
    if (session) return session;
  }
  return deps.store.getSession(fallback);
}
