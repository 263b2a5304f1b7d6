// spec: entry 3, host rule: every hop must have the context's scheme, host and port; redirects are
// followed only within the context, and uploads are never re-sent to a redirect target.
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { checkRedirectTarget } from "../../src/adapters/source/same-origin.js";
import type { BusinessClient } from "../../src/adapters/source/types.js";
import { json, readAll, rejection, repoFor, startServer, type TestServer, testClient } from "./support.js";

const servers: TestServer[] = [];
let client: BusinessClient | undefined;
afterEach(async () => {
  await client?.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  client = undefined;
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function redirectingTo(location: (origin: string) => string, status = 302) {
  return serve((req, res) => {
    if (req.url?.startsWith("/final")) return void res.end("final bytes");
    res.writeHead(status, { location: location(`http://127.0.0.1:${req.socket.localPort}`) });
    res.end();
  });
}

describe("host rule on the first hop", () => {
  it.each([
    ["userinfo", (o: string) => o.replace("http://", "http://user:pw@")],
    ["another scheme", (o: string) => o.replace("http://", "ftp://")],
    ["https against an http context", (o: string) => o.replace("http://", "https://")],
    ["another host", (o: string) => o.replace("127.0.0.1", "127.0.0.2")],
    ["another port", (o: string) => o.replace(/:(\d+)$/, (_m, p: string) => `:${(Number(p) % 65535) + 1}`)],
  ])("%s is refused before any connection", async (_label, mutate) => {
    const server = await serve((_req, res) => res.end("x"));
    client = testClient();
    const err = await rejection(
      client.download({ url: `${mutate(server.origin)}/f`, repo: repoFor(server.origin), params: [] }),
    );
    expect(err["code"]).toBe("DOCGATE_HOST_NOT_ALLOWED");
    expect(server.requestLines).toEqual([]);
  });

  it("scheme case and a trailing slash on the context do not matter", async () => {
    const server = await serve((_req, res) => res.end("x"));
    client = testClient();
    const context = `${server.origin.replace("http://", "HTTP://")}/`;
    const result = await client.download({ url: `${server.origin}/F`, repo: repoFor(context), params: [] });
    expect(result.status).toBe(200);
    await readAll(result.body);
  });

  it("a relative redirect Location is resolved against the hop it came from", () => {
    const from = new URL("http://127.0.0.1:8080/a/b");
    const inside = checkRedirectTarget("../c?x=1", from, "http://127.0.0.1:8080");
    expect(inside.ok && inside.url.href).toBe("http://127.0.0.1:8080/c?x=1");
    expect(checkRedirectTarget("//127.0.0.1:8081/c", from, "http://127.0.0.1:8080").ok).toBe(false);
    expect(checkRedirectTarget("http://[::1", from, "http://127.0.0.1:8080").ok).toBe(false);
  });
});

describe("redirects", () => {
  it("a redirect within the context is followed, with params on every hop", async () => {
    const cookies: Array<string | undefined> = [];
    const server = await serve((req, res) => {
      cookies.push(req.headers.cookie);
      if (req.url?.startsWith("/final")) return void res.end("final bytes");
      res.writeHead(301, { location: "/final/file" });
      res.end();
    });
    client = testClient();
    const result = await client.download({
      url: `${server.origin}/start`,
      repo: repoFor(server.origin),
      params: [["x-t", "1"]],
    });
    expect((await readAll(result.body)).toString()).toBe("final bytes");
    expect(server.requestLines).toEqual(["GET /start?x-t=1 HTTP/1.1", "GET /final/file?x-t=1 HTTP/1.1"]);
    expect(cookies).toEqual(["x-t=1", "x-t=1"]);
  });

  it("a redirect to another host is refused", async () => {
    const server = await redirectingTo(() => "http://localhost/final");
    client = testClient();
    const err = await rejection(
      client.download({ url: `${server.origin}/s`, repo: repoFor(server.origin), params: [] }),
    );
    expect(err["code"]).toBe("DOCGATE_UPSTREAM_REDIRECT");
    expect(err["detail"]).toContain("host differs");
  });

  it("a redirect to another port is refused and the other server never hears of it", async () => {
    const other = await serve((_req, res) => res.end("elsewhere"));
    const server = await redirectingTo(() => `${other.origin}/final`);
    client = testClient();
    const err = await rejection(
      client.download({ url: `${server.origin}/s`, repo: repoFor(server.origin), params: [] }),
    );
    expect(err["code"]).toBe("DOCGATE_UPSTREAM_REDIRECT");
    expect(other.requestLines).toEqual([]);
  });

  it("a redirect adding userinfo or changing scheme is refused", async () => {
    for (const make of [
      (o: string) => o.replace("http://", "http://u:p@"),
      (o: string) => o.replace("http", "https"),
    ]) {
      const server = await redirectingTo((o) => `${make(o)}/final`);
      client ??= testClient();
      const err = await rejection(
        client.download({ url: `${server.origin}/s`, repo: repoFor(server.origin), params: [] }),
      );
      expect(err["code"]).toBe("DOCGATE_UPSTREAM_REDIRECT");
    }
  });

  it("more than maxRedirects hops is refused", async () => {
    const server = await redirectingTo((o) => `${o}/again`);
    client = testClient({ maxRedirects: 2 });
    const err = await rejection(
      client.download({ url: `${server.origin}/s`, repo: repoFor(server.origin), params: [] }),
    );
    expect(err["code"]).toBe("DOCGATE_UPSTREAM_REDIRECT");
    expect(server.requestLines).toHaveLength(3);
  });

  it("an upload answered with 307 is not re-sent, and is held", async () => {
    const server = await serve(async (req, res) => {
      await readAll(req);
      if (req.url?.startsWith("/final")) return json(res, 200, { modified_at: "2024-01-01T00:00:00.000Z" });
      res.writeHead(307, { location: "/final" });
      res.end();
    });
    client = testClient();
    const err = await rejection(
      client.upload({
        url: `${server.origin}/u`,
        repo: repoFor(server.origin),
        params: [],
        file: Readable.from([Buffer.from("abc")]),
        fileSize: 3,
        mimeType: "text/plain",
      }),
    );
    expect(err).toMatchObject({ code: "DOCGATE_UPSTREAM_REDIRECT", retryable: false });
    expect(server.requestLines).toEqual(["POST /u HTTP/1.1"]);
  });
});
