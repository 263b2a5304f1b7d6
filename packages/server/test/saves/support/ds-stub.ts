// A stand-in for Document Server's file links in intake tests: GET <path> serves the bytes set for it,
// optionally in slow chunks, or answers a given status (an expired link is 410 on real DS).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface StubFile {
  bytes?: Buffer;
  status?: number;
  /** Serve the bytes in this many chunks, pausing between them. */
  chunks?: number;
  pauseMs?: number;
  /** Drop the connection after this many chunks (the Content-Length promised more). */
  dropAfterChunks?: number;
  /** When each request's last byte was written (epoch ms), in request order. */
  finishedAt?: number[];
}

export interface DsStub {
  origin: string;
  files: Map<string, StubFile>;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startDsStub(): Promise<DsStub> {
  const stub: DsStub = { origin: "", files: new Map(), requests: [], close: async () => {} };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    stub.requests.push(`${url.pathname}${url.search}`);
    const file = stub.files.get(url.pathname);
    if (!file || file.status || !file.bytes) {
      res.writeHead(file?.status ?? 404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.bytes.length });
    const n = Math.max(1, file.chunks ?? 1);
    const size = Math.ceil(file.bytes.length / n);
    for (let i = 0; i < n; i++) {
      if (i === file.dropAfterChunks) {
        res.destroy();
        return;
      }
      res.write(file.bytes.subarray(i * size, (i + 1) * size));
      if (i < n - 1 && file.pauseMs) await new Promise((r) => setTimeout(r, file.pauseMs));
    }
    res.end();
    file.finishedAt = [...(file.finishedAt ?? []), Date.now()];
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}
