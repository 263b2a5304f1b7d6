// A business system on 127.0.0.1 for the save tests: its upload endpoint parses the multipart body
// with busboy (as a real server would) and answers as the test script says, one answer per request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import busboy from "busboy";

export interface ReceivedUpload {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  field: string;
  filename: string;
  mimeType: string;
  bytes: Buffer;
  /** The answer given (after the body was read). */
  status: number;
  receivedAt: number;
  answeredAt: number;
}

/** What the next upload gets: a status + JSON body, a dropped connection, or a request left hanging. */
export type UploadAnswer = { status: number; body?: unknown; delayMs?: number } | "destroy" | "hang";

export interface BusinessSystem {
  origin: string;
  port: number;
  uploads: ReceivedUpload[];
  /** Successful (2xx) uploads only. */
  saved(): ReceivedUpload[];
  /** Answers for the next requests, in order; when empty, `fallback` answers. */
  script: UploadAnswer[];
  fallback: (n: number) => UploadAnswer;
  /** Files served on GET (downloadUrl). */
  files: Map<string, Buffer>;
  /** Upload requests that arrived (including ones not read to the end). */
  requests: number;
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  waitForSaved(n: number, timeoutMs?: number): Promise<ReceivedUpload[]>;
  close(): Promise<void>;
  /** Stops listening (connections are refused) until `reopen()`. */
  goDown(): Promise<void>;
  reopen(): Promise<void>;
}

let versionCounter = 0;
export function modifiedAt(): string {
  versionCounter += 1;
  return new Date(Date.UTC(2024, 0, 1, 0, 0, 0, versionCounter)).toISOString();
}

async function until(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function startBusinessSystem(port = 0): Promise<BusinessSystem> {
  let server: Server;
  const bs: BusinessSystem = {
    origin: "",
    port,
    files: new Map(),
    uploads: [],
    saved: () => bs.uploads.filter((u) => u.status >= 200 && u.status < 300),
    script: [],
    fallback: () => ({ status: 200, body: { modified_at: modifiedAt() } }),
    requests: 0,
    waitForRequests: (n, timeoutMs = 15_000) =>
      until(
        () => bs.requests >= n,
        timeoutMs,
        () => `${n} requests`,
      ),
    async waitForSaved(n, timeoutMs = 15_000) {
      await until(
        () => bs.saved().length >= n,
        timeoutMs,
        () => `${n} saved uploads (got ${bs.uploads.map((u) => u.status).join(",")})`,
      );
      return bs.saved();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    goDown: () => bs.close(),
    reopen: async () => {
      server = createServer(handler);
      await new Promise<void>((resolve) => server.listen(bs.port, "127.0.0.1", resolve));
    },
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "GET") {
      const file = bs.files.get(new URL(req.url ?? "/", "http://x").pathname);
      res.writeHead(file ? 200 : 404, { "content-type": "application/octet-stream" }).end(file ?? "");
      return;
    }
    bs.requests += 1;
    const receivedAt = Date.now();
    const answer = bs.script.shift() ?? bs.fallback(bs.requests);
    if (answer === "hang") return;
    if (answer === "destroy") {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? "/", "http://x");
    const parts: Array<{ field: string; filename: string; mimeType: string; bytes: Buffer }> = [];
    const bb = busboy({ headers: req.headers });
    bb.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () =>
        parts.push({ field, filename: info.filename ?? "", mimeType: info.mimeType, bytes: Buffer.concat(chunks) }),
      );
    });
    bb.on("close", async () => {
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      const part = parts[0];
      if (part) {
        const upload = { path: url.pathname, query: url.searchParams, headers: req.headers, ...part };
        bs.uploads.push({ ...upload, status: answer.status, receivedAt, answeredAt: Date.now() });
      }
      const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? {});
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(text);
    });
    bb.on("error", () => res.destroy());
    req.pipe(bb);
  };

  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  bs.port = (server.address() as AddressInfo).port;
  bs.origin = `http://127.0.0.1:${bs.port}`;
  return bs;
}
