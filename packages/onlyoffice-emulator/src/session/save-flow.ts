// Status 2 (final save after the last editor left) and status 6 (forcesave).
// spec: onlyoffice 2 (dead keys), onlyoffice 4 (statuses, retries, forgotten files).
import type { CallbackFields } from "../callbacks/callback-request.js";
import type { Connection, KeyRecord } from "../store/key-records.js";
import { enqueueCallback, linkOrigin, liveEditors, type SessionContext } from "./context.js";
import { savedFileFields } from "./saved-file.js";

export function scheduleFinalSave(ctx: SessionContext, record: KeyRecord): void {
  record.phase = "closing";
  clearTimeout(record.saveTimer);
  record.saveTimer = setTimeout(() => {
    record.saveTimer = undefined;
    void finalSave(ctx, record);
  }, ctx.options.saveDelayMs);
}

/** A joining editor during the save delay continues the session: the pending status 2 is cancelled. */
export function cancelFinalSave(record: KeyRecord): void {
  clearTimeout(record.saveTimer);
  record.saveTimer = undefined;
}

async function finalSave(ctx: SessionContext, record: KeyRecord): Promise<void> {
  if (record.phase !== "closing") return;
  // spec: onlyoffice 2: the key is dead from the moment DS sends status 2, before the answer.
  record.phase = "saving";
  record.deadSince = new Date().toISOString();
  record.saveOutcome = "pending";
  let done: () => void = () => {};
  record.saveDone = new Promise<void>((r) => {
    done = r;
  });
  try {
    await record.editChain;
    const leaver = record.lastLeaver!;
    const author = record.lastEditor ?? leaver;
    const fields: CallbackFields = {
      key: record.key,
      status: 2,
      ...(await savedFileFields(record, ctx.links, linkOrigin(ctx, leaver.origin), ctx.options.version)),
      users: [author.id],
      actions: [{ type: 0, userid: leaver.id }],
      notmodified: record.changesSinceForcesave === 0,
    };
    await enqueueCallback(ctx, record, leaver.callbackUrl, fields, (sent) => {
      if (sent.outcome === "acknowledged") {
        record.saveOutcome = "acknowledged";
      } else {
        const last = sent.attempts.at(-1);
        const reason = last?.error ?? `HTTP ${last?.httpStatus}: ${last?.responseBody ?? ""}`;
        ctx.forgotten.add({ key: record.key, filetype: record.fileType, reason, bytes: record.current });
        record.saveOutcome = "forgotten";
      }
      record.phase = "dead";
      done();
    });
  } finally {
    // Whatever happened, the key never comes back to life once status 2 was decided.
    record.phase = "dead";
    done();
  }
}

export type ForcesaveTrigger = { kind: "button"; connection: Connection } | { kind: "command"; userdata?: unknown };

/** Sends status 6 if there are changes since the last forcesave; false otherwise (spec: onlyoffice 5, error 4). */
export async function forcesave(ctx: SessionContext, record: KeyRecord, trigger: ForcesaveTrigger): Promise<boolean> {
  await record.editChain;
  if (record.changesSinceForcesave === 0) return false;
  const editor =
    trigger.kind === "button"
      ? {
          id: trigger.connection.config.user.id,
          callbackUrl: trigger.connection.config.callbackUrl,
          origin: trigger.connection.origin,
        }
      : (record.lastEditor ?? firstEditor(record));
  if (!editor) return false;
  record.changesSinceForcesave = 0;
  record.forcesaves += 1;
  const fields: CallbackFields = {
    key: record.key,
    status: 6,
    ...(await savedFileFields(record, ctx.links, linkOrigin(ctx, editor.origin), ctx.options.version)),
    users: [editor.id],
    forcesavetype: trigger.kind === "button" ? 1 : 0,
  };
  if (trigger.kind === "button") fields.actions = [{ type: 2, userid: editor.id }];
  if (trigger.kind === "command" && trigger.userdata !== undefined) fields.userdata = trigger.userdata;
  void enqueueCallback(ctx, record, editor.callbackUrl, fields);
  return true;
}

function firstEditor(record: KeyRecord) {
  const c = liveEditors(record)[0];
  return c ? { id: c.config.user.id, callbackUrl: c.config.callbackUrl, origin: c.origin } : undefined;
}
