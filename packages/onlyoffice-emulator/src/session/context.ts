// Everything a session operation needs, built once by the app.

import type { CallbackFields } from "../callbacks/callback-request.js";
import type { CallbackRecord, CallbackSender } from "../callbacks/callback-sender.js";
import type { ResolvedOptions } from "../options.js";
import type { FileLinks } from "../store/file-links.js";
import type { ForgottenFiles } from "../store/forgotten-files.js";
import type { Connection, KeyRecord, KeyRecords } from "../store/key-records.js";
import type { ConnectionEvents } from "./connection-events.js";

export interface SessionContext {
  options: ResolvedOptions;
  keys: KeyRecords;
  sender: CallbackSender;
  links: FileLinks;
  forgotten: ForgottenFiles;
  events: ConnectionEvents;
  /** Every connection ever opened (closed ones stay, for inspection). */
  connections: Map<string, Connection>;
}

/** Callbacks of one key are sent one after the other, in the order DS would emit them. */
export function enqueueCallback(
  ctx: SessionContext,
  record: KeyRecord,
  callbackUrl: string,
  fields: CallbackFields,
  settle?: (r: CallbackRecord) => void,
): Promise<CallbackRecord> {
  const next = record.chain.then(() => ctx.sender.send(callbackUrl, fields, settle));
  record.chain = next.catch(() => undefined);
  return next;
}

export function liveConnections(record: KeyRecord): Connection[] {
  return [...record.connections.values()].filter((c) => c.state === "open");
}

export function liveEditors(record: KeyRecord): Connection[] {
  return liveConnections(record).filter((c) => c.editor);
}

/** User ids of the live editors, once each, in joining order. */
export function editorIds(record: KeyRecord): string[] {
  return [...new Set(liveEditors(record).map((c) => c.config.user.id))];
}

export function broadcastUsers(ctx: SessionContext, record: KeyRecord): void {
  const users = liveConnections(record).map((c) => ({
    id: c.config.user.id,
    name: c.config.user.name,
    editor: c.editor,
  }));
  for (const c of liveConnections(record)) ctx.events.push(c.id, { type: "users", users });
}

/** Links point at the origin browsers use (spec: onlyoffice 4): the configured public URL, else the Host they used. */
export function linkOrigin(ctx: SessionContext, fallback: string): string {
  return ctx.options.publicUrl ?? fallback;
}
