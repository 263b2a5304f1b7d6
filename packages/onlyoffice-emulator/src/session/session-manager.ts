// Editor connections joining and leaving a key's session, and the callbacks that follows
// (spec: onlyoffice 4: status 1 for each editor join/leave, 4 or a delayed 2 when the last editor leaves).
import { randomBytes } from "node:crypto";
import {
  canInsertText,
  type EffectiveConfig,
  insertsAsTrackedChange,
  isEditorConnection,
} from "../config/editor-config.js";
import { EDITABLE_TYPES, insertText } from "../documents/edit-document.js";
import { extractText } from "../documents/extract-text.js";
import { DownloadError } from "../documents/fetch-document.js";
import { DS_ERRORS, type DsError, emulatorError } from "../ds-errors.js";
import type { Connection, KeyRecord } from "../store/key-records.js";
import { broadcastUsers, editorIds, enqueueCallback, liveEditors, type SessionContext } from "./context.js";
import { cancelFinalSave, scheduleFinalSave } from "./save-flow.js";

export type OpenResult =
  | { kind: "session"; connection: Connection; record: KeyRecord }
  | { kind: "refused"; error: DsError; detail: string; requestRefresh: boolean };

export class SessionError extends Error {
  override name = "SessionError";
  constructor(
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
  }
}

export class SessionManager {
  constructor(private readonly ctx: SessionContext) {}

  async open(config: EffectiveConfig, origin: string, handlers: string[]): Promise<OpenResult> {
    let record: KeyRecord;
    try {
      record = await this.ctx.keys.obtain(config);
    } catch (err) {
      if (!(err instanceof DownloadError)) throw err;
      return { kind: "refused", error: DS_ERRORS.downloadFailed, detail: err.message, requestRefresh: false };
    }
    const editor = isEditorConnection(config);
    if (editor) {
      // spec: onlyoffice 2: an edit-open in the gap waits for docgate's answer, then is refused like a dead key.
      if (record.phase === "saving") await record.saveDone;
      if (record.phase === "saving" || record.phase === "dead") {
        return {
          kind: "refused",
          error: DS_ERRORS.updateVersion,
          detail: `key ${record.key} was saved (status 2 sent at ${record.deadSince})`,
          requestRefresh: handlers.includes("onRequestRefreshFile"),
        };
      }
      if (!(EDITABLE_TYPES as readonly string[]).includes(record.fileType)) {
        const error = emulatorError(`editing .${record.fileType} is not supported; open it in view mode`);
        return { kind: "refused", error, detail: error.errorDescription, requestRefresh: false };
      }
    }
    const connection: Connection = {
      id: randomBytes(16).toString("base64url"),
      key: record.key,
      config,
      editor,
      origin,
      joinedAt: new Date().toISOString(),
      state: "open",
    };
    record.connections.set(connection.id, connection);
    this.ctx.connections.set(connection.id, connection);
    if (editor) {
      cancelFinalSave(record);
      record.phase = "editing";
      const userid = config.user.id;
      void enqueueCallback(this.ctx, record, config.callbackUrl, {
        key: record.key,
        status: 1,
        users: editorIds(record),
        actions: [{ type: 1, userid }],
      });
    }
    broadcastUsers(this.ctx, record);
    return { kind: "session", connection, record };
  }

  connection(id: string): { connection: Connection; record: KeyRecord } {
    const connection = this.ctx.connections.get(id);
    const record = connection ? this.ctx.keys.get(connection.key) : undefined;
    if (!connection || !record) throw new SessionError(404, "unknown editor connection");
    return { connection, record };
  }

  /** Idempotent: closing twice, or closing then losing the event stream, leaves once. */
  leave(id: string, how: "closed" | "dropped"): void {
    const connection = this.ctx.connections.get(id);
    const record = connection ? this.ctx.keys.get(connection.key) : undefined;
    if (!connection || !record || connection.state !== "open") return;
    connection.state = how;
    record.connections.delete(id);
    if (how === "dropped") this.ctx.events.push(id, { type: "dropped" });
    this.ctx.events.end(id);
    broadcastUsers(this.ctx, record);
    if (!connection.editor) return; // viewers send nothing (spec: onlyoffice 4)
    const user = connection.config.user.id;
    record.lastLeaver = { id: user, callbackUrl: connection.config.callbackUrl, origin: connection.origin };
    const action = { type: 0, userid: user };
    if (liveEditors(record).length > 0) {
      void enqueueCallback(this.ctx, record, connection.config.callbackUrl, {
        key: record.key,
        status: 1,
        users: editorIds(record),
        actions: [action],
      });
    } else if (record.changes.length > 0) {
      scheduleFinalSave(this.ctx, record);
    } else {
      record.phase = "idle";
      void enqueueCallback(this.ctx, record, connection.config.callbackUrl, {
        key: record.key,
        status: 4,
        actions: [action],
      });
    }
  }

  /** The emulator's only edit: text inserted into the document (a paragraph, a row, a text box). */
  async insert(id: string, text: string): Promise<string> {
    const { connection, record } = this.connection(id);
    if (connection.state !== "open") throw new SessionError(409, "this editor is no longer connected");
    if (!canInsertText(connection.config)) throw new SessionError(403, "these permissions do not allow changes");
    if (text.length === 0) throw new SessionError(400, "nothing to insert");
    const user = connection.config.user;
    const run = record.editChain.then(async () => {
      const tracked = insertsAsTrackedChange(connection.config)
        ? {
            id: 1000 + record.changes.length * 100,
            author: user.name,
            date: new Date().toISOString().slice(0, 19) + "Z",
          }
        : undefined;
      record.current = await insertText(record.current, record.fileType, text, tracked);
      record.changes.push({ at: new Date(), user: { ...user }, text });
      record.changesSinceForcesave += 1;
      record.lastEditor = { id: user.id, callbackUrl: connection.config.callbackUrl, origin: connection.origin };
      return extractText(record.current, record.fileType);
    });
    record.editChain = run.catch(() => undefined);
    const extracted = await run;
    for (const c of record.connections.values()) this.ctx.events.push(c.id, { type: "text", text: extracted });
    return extracted;
  }
}
