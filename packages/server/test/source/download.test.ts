// spec: entry 3, download: streamed, never buffered whole; capped by fetch.maxDownloadBytes.
import { createHash } from "node:crypto";
import { once } from "node:events";
import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { BusinessClient } from "../../src/adapters/source/types.js";
import { readAll, rejection, repoFor, startServer, type TestServer, testClient } from "./support.js";

const MB = 1024 * 1024;

let server: TestServer | undefined;
let client: BusinessClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  server = client = undefined;
});

/** Writes `total` bytes generated on the fly, honouring backpressure, and reports progress. */
function streamGenerated(res: ServerResponse, total: number, progress: { sent: number; done: boolean; hash: string }) {
  const hash = createHash("sha256");
  const write = async () => {
    for (let i = 0; progress.sent < total; i++) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, total - progress.sent), i % 251);
      hash.update(chunk);
      progress.sent += chunk.length;
      if (!res.write(chunk)) await once(res, "drain");
    }
    progress.hash = hash.digest("hex");
    res.end(() => {
      progress.done = true;
    });
  };
  write().catch(() => res.destroy());
}

describe("download", () => {
  it("streams 50 MB without buffering: the first chunk arrives long before the server finishes", async () => {
    const total = 50 * MB;
    const progress = { sent: 0, done: false, hash: "" };
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/pdf", "content-length": total });
      streamGenerated(res, total, progress);
    });
    client = testClient();
    const result = await client.download({ url: `${server.origin}/big`, repo: repoFor(server.origin), params: [] });
    expect(result.status).toBe(200);
    expect(result.contentType).toBe("application/pdf");
    expect(result.contentLength).toBe(total);

    const reader = result.body[Symbol.asyncIterator]();
    const first = await reader.next();
    expect(first.done).toBe(false);
    expect(progress.done).toBe(false);
    // While nobody reads, backpressure must stop the server: the client holds only socket buffers.
    await sleep(300);
    expect(progress.done).toBe(false);
    expect(progress.sent).toBeLessThan(20 * MB);

    const hash = createHash("sha256").update(first.value as Buffer);
    let received = (first.value as Buffer).length;
    for (let next = await reader.next(); !next.done; next = await reader.next()) {
      hash.update(next.value as Buffer);
      received += (next.value as Buffer).length;
    }
    expect(received).toBe(total);
    expect(hash.digest("hex")).toBe(progress.hash);
  });

  it("refuses up front when Content-Length exceeds the cap", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-length": 2 * MB });
      res.end(Buffer.alloc(2 * MB));
    });
    client = testClient({ maxDownloadBytes: MB });
    const err = await rejection(
      client.download({ url: `${server.origin}/f`, repo: repoFor(server.origin), params: [] }),
    );
    expect(err["code"]).toBe("DOCGATE_FILE_TOO_LARGE");
    expect(err["detail"]).toContain(String(2 * MB));
  });

  it("fails the stream when a body without Content-Length crosses the cap", async () => {
    const progress = { sent: 0, done: false, hash: "" };
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      streamGenerated(res, 8 * MB, progress);
    });
    client = testClient({ maxDownloadBytes: MB });
    const result = await client.download({ url: `${server.origin}/f`, repo: repoFor(server.origin), params: [] });
    expect(result.contentLength).toBeUndefined();
    const err = await rejection(readAll(result.body));
    expect(err["code"]).toBe("DOCGATE_FILE_TOO_LARGE");
    expect(progress.done).toBe(false);
  });

  it("a body of exactly the cap passes", async () => {
    server = await startServer((_req, res) => res.end(Buffer.alloc(MB, 7)));
    client = testClient({ maxDownloadBytes: MB });
    const result = await client.download({ url: `${server.origin}/f`, repo: repoFor(server.origin), params: [] });
    expect((await readAll(result.body)).length).toBe(MB);
  });

  it("non-2xx is DOCGATE_UPSTREAM_STATUS with the status; 4xx is not retryable, 5xx is", async () => {
    server = await startServer((req, res) => {
      res.writeHead(req.url?.startsWith("/missing") ? 404 : 503);
      res.end("no such document");
    });
    client = testClient();
    const missing = await rejection(
      client.download({
        url: `${server.origin}/missing`,
        repo: repoFor(server.origin),
        params: [["tok", "secret-token"]],
      }),
    );
    expect(missing).toMatchObject({ code: "DOCGATE_UPSTREAM_STATUS", upstreamStatus: 404, retryable: false });
    expect(missing["detail"]).toContain("404");
    expect(missing["detail"]).toContain("no such document");
    // Params travel in the query; details name the origin and path only.
    expect(missing["detail"]).not.toContain("secret-token");
    const busy = await rejection(
      client.download({ url: `${server.origin}/busy`, repo: repoFor(server.origin), params: [] }),
    );
    expect(busy).toMatchObject({ code: "DOCGATE_UPSTREAM_STATUS", upstreamStatus: 503, retryable: true });
  });

  it("a refused connection is DOCGATE_UPSTREAM_UNREACHABLE and retryable", async () => {
    const closed = await startServer((_req, res) => res.end());
    const origin = closed.origin;
    await closed.close();
    client = testClient();
    const err = await rejection(client.download({ url: `${origin}/f`, repo: repoFor(origin), params: [] }));
    expect(err).toMatchObject({ code: "DOCGATE_UPSTREAM_UNREACHABLE", retryable: true });
  });
});
