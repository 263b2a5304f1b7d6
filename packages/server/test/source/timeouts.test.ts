// spec: entry 3, "connect/idle/total timeouts", and the caller's abort threaded through the stream
// (ARCHITECTURE.md practice 8). Loopback only: a stalled connect is produced by a resolver that never
// answers, since undici's connect timeout spans name resolution, TCP and TLS.
import type { IncomingMessage } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { BusinessClient, LookupFunction } from "../../src/adapters/source/types.js";
import { readAll, rejection, repoFor, startServer, type TestServer, testClient } from "./support.js";

let server: TestServer | undefined;
let client: BusinessClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  server = client = undefined;
});

describe("timeouts", () => {
  it("connect timeout: a connection that never establishes", async () => {
    const neverAnswers = (() => undefined) as unknown as LookupFunction;
    client = testClient({ connectTimeoutMs: 200, lookup: neverAnswers });
    const started = Date.now();
    const err = await rejection(
      client.download({
        url: "http://stalled.test:8080/f",
        repo: repoFor("http://stalled.test:8080", { allowPrivateNetwork: true }),
        params: [],
      }),
    );
    expect(err).toMatchObject({ code: "DOCGATE_UPSTREAM_TIMEOUT", retryable: true });
    expect(err["detail"]).toContain("Connecting");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("idle timeout while waiting for headers: a server that accepts and never answers", async () => {
    server = await startServer(() => undefined);
    client = testClient({ idleTimeoutMs: 200 });
    const err = await rejection(
      client.download({ url: `${server.origin}/f`, repo: repoFor(server.origin), params: [] }),
    );
    expect(err).toMatchObject({ code: "DOCGATE_UPSTREAM_TIMEOUT", retryable: true });
    expect(err["detail"]).toContain("headers");
  });

  it("idle timeout while the body stalls", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-length": 1000 });
      res.write(Buffer.alloc(100));
    });
    client = testClient({ idleTimeoutMs: 200 });
    const result = await client.download({ url: `${server.origin}/f`, repo: repoFor(server.origin), params: [] });
    const err = await rejection(readAll(result.body));
    expect(err).toMatchObject({ code: "DOCGATE_UPSTREAM_TIMEOUT" });
    expect(err["detail"]).toContain("body");
  });

  it("total timeout: a body that trickles forever, never idle long enough to trip the idle timeout", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write("x"), 20);
      res.on("close", () => clearInterval(timer));
    });
    client = testClient({ idleTimeoutMs: 1_000, totalTimeoutMs: 400 });
    const result = await client.download({ url: `${server.origin}/f`, repo: repoFor(server.origin), params: [] });
    const err = await rejection(readAll(result.body));
    expect(err).toMatchObject({ code: "DOCGATE_UPSTREAM_TIMEOUT" });
    expect(err["detail"]).toContain("400 ms");
  });
});

describe("caller abort", () => {
  it("before the headers: the call rejects with the caller's reason", async () => {
    server = await startServer(() => undefined);
    client = testClient();
    const controller = new AbortController();
    const call = client.download({
      url: `${server.origin}/f`,
      repo: repoFor(server.origin),
      params: [],
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const err = await rejection(call);
    expect(err.name).toBe("AbortError");
    expect(err["code"]).not.toBe("DOCGATE_UPSTREAM_TIMEOUT");
  });

  it("during the body: the stream fails with the caller's reason and the upstream connection closes", async () => {
    let upstreamClosed: Promise<unknown> = Promise.resolve();
    server = await startServer((req: IncomingMessage, res) => {
      upstreamClosed = new Promise((resolve) => res.on("close", resolve));
      res.writeHead(200);
      const timer = setInterval(() => res.write(Buffer.alloc(1024)), 10);
      req.on("close", () => clearInterval(timer));
    });
    client = testClient();
    const controller = new AbortController();
    const result = await client.download({
      url: `${server.origin}/f`,
      repo: repoFor(server.origin),
      params: [],
      signal: controller.signal,
    });
    const reading = rejection(readAll(result.body));
    await sleep(50);
    const reason = new Error("user closed the page");
    controller.abort(reason);
    expect(await reading).toBe(reason);
    await upstreamClosed;
  });
});
