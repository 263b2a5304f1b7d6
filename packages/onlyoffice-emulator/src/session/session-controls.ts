// Operations on a live session from outside the editor: the command service's drop/info/meta,
// and the test hook simulating a network loss (spec: onlyoffice 4: 1 -> 4 -> 1 -> 2).
import type { KeyRecord } from "../store/key-records.js";
import { editorIds, enqueueCallback, liveConnections, liveEditors, type SessionContext } from "./context.js";
import type { SessionManager } from "./session-manager.js";

/** A key has a live session while someone is connected or its final save is still pending. */
export function liveRecord(ctx: SessionContext, key: string): KeyRecord | undefined {
  const record = ctx.keys.get(key);
  if (!record) return undefined;
  if (liveConnections(record).length > 0 || record.phase === "closing") return record;
  return undefined;
}

/** Disconnects the users listed; they may reopen (and view) later. Returns how many connections dropped. */
export function dropUsers(sessions: SessionManager, record: KeyRecord, users: string[]): number {
  const targets = liveConnections(record).filter((c) => users.includes(c.config.user.id));
  for (const c of targets) sessions.leave(c.id, "dropped");
  return targets.length;
}

/** `info`: DS answers at once and reports the editors in a status 1 callback carrying userdata. */
export function sendInfo(ctx: SessionContext, record: KeyRecord, userdata: unknown): boolean {
  const editors = liveEditors(record);
  const anyone = editors[0];
  if (!anyone) return false;
  const fields: Record<string, unknown> & { key: string; status: number } = {
    key: record.key,
    status: 1,
    users: editorIds(record),
  };
  if (userdata !== undefined) fields.userdata = userdata;
  void enqueueCallback(ctx, record, anyone.config.callbackUrl, fields);
  return true;
}

export function setTitle(ctx: SessionContext, record: KeyRecord, title: string): void {
  record.title = title;
  for (const c of liveConnections(record)) ctx.events.push(c.id, { type: "meta", title });
}

/**
 * The editors lose the network: DS sees them gone and sends 4 (their unsent changes live in the
 * browser), then they reconnect (1) and push their changes; their final leave then gives 2.
 */
export async function simulateNetworkLoss(ctx: SessionContext, record: KeyRecord): Promise<number[]> {
  const editors = liveEditors(record);
  const first = editors[0];
  if (!first) throw new Error(`key ${record.key} has no editor connected`);
  const ids = editorIds(record);
  const callbackUrl = first.config.callbackUrl;
  const lost = await enqueueCallback(ctx, record, callbackUrl, {
    key: record.key,
    status: 4,
    actions: ids.map((userid) => ({ type: 0, userid })),
  });
  const back = await enqueueCallback(ctx, record, callbackUrl, {
    key: record.key,
    status: 1,
    users: ids,
    actions: ids.map((userid) => ({ type: 1, userid })),
  });
  for (const c of editors) ctx.events.push(c.id, { type: "notice", message: "Connection lost and restored." });
  return [lost.status, back.status];
}
