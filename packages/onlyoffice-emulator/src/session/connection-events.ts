// Server-sent events to each open editor page: the emulator's stand-in for DS's websocket.
// When the stream closes (tab closed, iframe removed, destroyEditor), the connection leaves,
// as a dropped websocket does in DS.
import type { ServerResponse } from "node:http";

export type EditorEvent =
  | { type: "users"; users: { id: string; name: string; editor: boolean }[] }
  | { type: "dropped" }
  | { type: "meta"; title: string }
  | { type: "text"; text: string }
  | { type: "notice"; message: string };

export class ConnectionEvents {
  private readonly streams = new Map<string, Set<ServerResponse>>();

  constructor(private readonly onDetached: (connectionId: string) => void) {}

  attach(connectionId: string, res: ServerResponse): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    res.write(": ONLYOFFICE emulator\n\n");
    let set = this.streams.get(connectionId);
    if (!set) {
      set = new Set();
      this.streams.set(connectionId, set);
    }
    set.add(res);
    res.on("close", () => {
      set.delete(res);
      if (set.size === 0) {
        this.streams.delete(connectionId);
        this.onDetached(connectionId);
      }
    });
  }

  push(connectionId: string, event: EditorEvent): void {
    for (const res of this.streams.get(connectionId) ?? []) res.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  /** Ends the streams of a connection without triggering a second leave. */
  end(connectionId: string): void {
    const set = this.streams.get(connectionId);
    this.streams.delete(connectionId);
    for (const res of set ?? []) res.end();
  }

  closeAll(): void {
    for (const id of [...this.streams.keys()]) this.end(id);
  }
}
