// spec: entry 3, params (seed 004 example verbatim), on real requests.
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { paramsToRequest } from "../../src/adapters/source/params-to-request.js";
import type { BusinessClient } from "../../src/adapters/source/types.js";
import { json, readAll, rejection, repoFor, startServer, type TestServer, testClient } from "./support.js";

const SEED_PARAMS: Array<[string, string]> = [
  ["x-param-1", "aaa"],
  ["x-param-2", "bbb"],
];

let server: TestServer | undefined;
let client: BusinessClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  server = client = undefined;
});

describe("params sent three ways (spec: entry 3)", () => {
  it("upload: the seed example gives the exact request line, headers and Cookie", async () => {
    const seen: Array<Record<string, string | string[] | undefined>> = [];
    const raw: string[][] = [];
    server = await startServer(async (req, res) => {
      seen.push(req.headers);
      raw.push(req.rawHeaders);
      await readAll(req);
      json(res, 200, { modified_at: "2024-05-01T10:00:00.000Z" });
    });
    client = testClient();
    const result = await client.upload({
      url: `${server.origin}/v2/context/docId/content`,
      repo: repoFor(server.origin),
      params: SEED_PARAMS,
      file: Readable.from([Buffer.from("hello")]),
      fileSize: 5,
      mimeType: "text/plain",
    });
    expect(result).toEqual({ status: 200, json: { modified_at: "2024-05-01T10:00:00.000Z" } });
    expect(server.requestLines).toEqual(["POST /v2/context/docId/content?x-param-1=aaa&x-param-2=bbb HTTP/1.1"]);
    const headers = seen[0]!;
    expect(headers["x-param-1"]).toBe("aaa");
    expect(headers["x-param-2"]).toBe("bbb");
    expect(headers["cookie"]).toBe("x-param-1=aaa; x-param-2=bbb");
    expect(headers["user-agent"]).toBe("docgate/0.1");
    // The header names go out spelled as the params key, each once.
    const names = raw[0]!.filter((_, i) => i % 2 === 0);
    expect(names.filter((n) => n === "x-param-1")).toHaveLength(1);
    expect(names.filter((n) => n.toLowerCase() === "cookie")).toHaveLength(1);
  });

  it("download: same mapping; keys without the prefix go to query and Cookie only", async () => {
    let headers: Record<string, string | string[] | undefined> = {};
    server = await startServer((req, res) => {
      headers = req.headers;
      res.end("file");
    });
    client = testClient();
    const params: Array<[string, string]> = [["zdocs_access_token", "abc.def"], ...SEED_PARAMS];
    const result = await client.download({
      url: `${server.origin}/v2/context/docId/content`,
      repo: repoFor(server.origin),
      params,
    });
    expect((await readAll(result.body)).toString()).toBe("file");
    expect(server.requestLines).toEqual([
      "GET /v2/context/docId/content?zdocs_access_token=abc.def&x-param-1=aaa&x-param-2=bbb HTTP/1.1",
    ]);
    expect(headers["cookie"]).toBe("zdocs_access_token=abc.def; x-param-1=aaa; x-param-2=bbb");
    expect(headers["x-param-1"]).toBe("aaa");
    expect(headers["zdocs_access_token"]).toBeUndefined();
  });

  it("the repo's headerPrefix decides which keys become headers", async () => {
    let headers: Record<string, string | string[] | undefined> = {};
    server = await startServer((req, res) => {
      headers = req.headers;
      res.end("ok");
    });
    client = testClient();
    const result = await client.download({
      url: `${server.origin}/f`,
      repo: repoFor(server.origin, { headerPrefix: "zdocs_" }),
      params: [["zdocs_token", "t1"], ...SEED_PARAMS],
    });
    await readAll(result.body);
    expect(headers["zdocs_token"]).toBe("t1");
    expect(headers["x-param-1"]).toBeUndefined();
  });

  it("params can never set framing, hop-by-hop or client-owned headers, and nothing is sent", async () => {
    server = await startServer((_req, res) => res.end("should not be reached"));
    client = testClient();
    for (const key of ["Host", "content-length", "Transfer-Encoding", "connection", "cookie", "proxy-x"]) {
      const err = await rejection(
        client.download({
          url: `${server.origin}/f`,
          repo: repoFor(server.origin, { headerPrefix: "" }),
          params: [[key, "1"]],
        }),
      );
      expect(err["code"]).toBe("DOCGATE_PARAMS_INVALID");
    }
    expect(server.requestLines).toEqual([]);
  });

  it("values with CR/LF are refused rather than sent", () => {
    const url = new URL("http://127.0.0.1:1/f");
    expect(() => paramsToRequest(url, [["x-a", "1\r\nHost: evil"]], "x-")).toThrow(/control character/);
    expect(() => paramsToRequest(url, [["plain", "a\nb"]], "x-")).toThrow(/control character/);
  });

  it("a URL that already carries a pair (a redirect keeping its query) does not get it twice", () => {
    const url = new URL("http://127.0.0.1:1/f?x-param-1=aaa");
    const mapped = paramsToRequest(url, SEED_PARAMS, "x-");
    expect(mapped.url.search).toBe("?x-param-1=aaa&x-param-2=bbb");
    expect(mapped.headers["cookie"]).toBe("x-param-1=aaa; x-param-2=bbb");
  });

  it("the Cookie carries every pair; a value that is not a cookie-octet is percent-encoded there only", () => {
    const mapped = paramsToRequest(new URL("http://127.0.0.1:1/f"), [["name", "a b"], ...SEED_PARAMS], "x-");
    expect(mapped.headers["cookie"]).toBe("name=a%20b; x-param-1=aaa; x-param-2=bbb");
    expect(mapped.url.search).toBe("?name=a+b&x-param-1=aaa&x-param-2=bbb");
  });

  it("a header param spelling User-Agent in another case cannot add a second one", () => {
    expect(() => paramsToRequest(new URL("http://127.0.0.1:1/f"), [["User-Agent", "x"]], "u")).toThrow(/reserved/);
  });

  it("no params: no Cookie header and no query", () => {
    const mapped = paramsToRequest(new URL("http://127.0.0.1:1/f"), [], "x-");
    expect(mapped.headers).toEqual({});
    expect(mapped.url.href).toBe("http://127.0.0.1:1/f");
  });
});
