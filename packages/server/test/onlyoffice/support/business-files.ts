// A business system on 127.0.0.1 for the ONLYOFFICE tests: GET serves files (or a custom streaming
// handler), POST takes a multipart upload (parsed with busboy, as a real server would) and answers
// a fresh modified_at. Every request is recorded with its query and headers, so tests can check that
// the params reached it three ways (spec: entry 3).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import busboy from "busboy";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** For uploads: the `file` part. */
  file?: { field: string; filename: string; mimeType: string; bytes: Buffer };
  /** For uploads: the modified_at answered. */
  modifiedAt?: string;
}

export type FileSource = Buffer | ((req: IncomingMessage, res: ServerResponse) => void);

export interface BusinessFiles {
  origin: string;
  files: Map<string, FileSource>;
  requests: RecordedRequest[];
  /** Delay before answering an upload (widens the window in which a save is in flight). */
  uploadDelayMs: number;
  downloads(): RecordedRequest[];
  uploads(): RecordedRequest[];
  waitFor(check: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;
/** A modified_at later than any fixture's (fixtures use 2024-03-25). */
export function nextModifiedAt(): string {
  counter += 1;
  return new Date(Date.UTC(2025, 0, 1, 0, 0, 0, counter)).toISOString();
}

export async function startBusinessFiles(): Promise<BusinessFiles> {
  const bs: BusinessFiles = {
    origin: "",
    files: new Map(),
    requests: [],
    uploadDelayMs: 0,
    downloads: () => bs.requests.filter((r) => r.method === "GET"),
    uploads: () => bs.requests.filter((r) => r.method === "POST" && r.file),
    async waitFor(check, timeoutMs = 15_000) {
      const start = Date.now();
      while (!check()) {
        if (Date.now() - start > timeoutMs) throw new Error("business system: timed out waiting");
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    };
    bs.requests.push(record);
    if (req.method === "GET") {
      const source = bs.files.get(url.pathname);
      if (source === undefined) return void res.writeHead(404).end();
      if (typeof source === "function") return source(req, res);
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": source.length });
      return void res.end(source);
    }
    const bb = busboy({ headers: req.headers });
    bb.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        record.file = { field, filename: info.filename ?? "", mimeType: info.mimeType, bytes: Buffer.concat(chunks) };
      });
    });
    bb.on("close", async () => {
      if (bs.uploadDelayMs > 0) await new Promise((r) => setTimeout(r, bs.uploadDelayMs));
      record.modifiedAt = nextModifiedAt();
      // The uploaded bytes become the file: the next download returns the saved version.
      if (record.file) bs.files.set(url.pathname, record.file.bytes);
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ modified_at: record.modifiedAt }));
    });
    bb.on("error", () => res.destroy());
    req.pipe(bb);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  bs.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bs.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return bs;
}
