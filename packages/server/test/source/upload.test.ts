// spec: entry 3, upload: multipart `file` part with filename `content` and the MIME type, streamed;
// success = 2xx JSON with modified_at; failures classified retry (network, 429, 5xx) vs hold.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import busboy from "busboy";
import { afterEach, describe, expect, it } from "vitest";
import type { BusinessClient } from "../../src/adapters/source/types.js";
import { json, readAll, rejection, repoFor, startServer, type TestServer, testClient } from "./support.js";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

interface ParsedPart {
  field: string;
  filename: string | undefined;
  mimeType: string;
  bytes: Buffer;
}

function parseMultipart(req: IncomingMessage): Promise<ParsedPart[]> {
  return new Promise((resolve, reject) => {
    const parts: Promise<ParsedPart>[] = [];
    const bb = busboy({ headers: req.headers });
    bb.on("file", (field, stream, info) => {
      parts.push(readAll(stream).then((bytes) => ({ field, filename: info.filename, mimeType: info.mimeType, bytes })));
    });
    bb.on("field", (name) => reject(new Error(`unexpected field ${name}`)));
    bb.on("close", () => Promise.all(parts).then(resolve, reject));
    bb.on("error", reject);
    req.pipe(bb);
  });
}

/** Splits a buffer into uneven chunks so the multipart framing meets real stream boundaries. */
function chunked(data: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0, n = 1; at < data.length; n++) {
    const size = (n * 7919) % 100_000 || 1;
    chunks.push(data.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
}

let server: TestServer | undefined;
let client: BusinessClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  server = client = undefined;
});

describe("upload multipart", () => {
  for (const withSize of [true, false]) {
    it(`round-trips a 6 MB file exactly (${withSize ? "Content-Length" : "chunked"})`, async () => {
      const data = randomBytes(6 * 1024 * 1024 + 13);
      const received: { parts: ParsedPart[]; headers: IncomingMessage["headers"] } = { parts: [], headers: {} };
      server = await startServer(async (req, res) => {
        received.headers = req.headers;
        received.parts = await parseMultipart(req);
        json(res, 201, { modified_at: "2024-05-01T10:00:00.000Z", version: "2" });
      });
      client = testClient();
      const result = await client.upload({
        url: `${server.origin}/v2/context/doc-1/content`,
        repo: repoFor(server.origin),
        params: [],
        file: chunked(data),
        fileSize: withSize ? data.length : undefined,
        mimeType: DOCX,
      });
      expect(result).toEqual({ status: 201, json: { modified_at: "2024-05-01T10:00:00.000Z", version: "2" } });
      expect(received.parts).toHaveLength(1);
      const part = received.parts[0]!;
      expect(part.field).toBe("file");
      expect(part.filename).toBe("content");
      expect(part.mimeType).toBe(DOCX);
      expect(part.bytes.equals(data)).toBe(true);
      expect(received.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
      if (withSize) {
        expect(Number(received.headers["content-length"])).toBeGreaterThan(data.length);
        expect(received.headers["transfer-encoding"]).toBeUndefined();
      } else {
        expect(received.headers["transfer-encoding"]).toBe("chunked");
        expect(received.headers["content-length"]).toBeUndefined();
      }
    });
  }

  it("a file shorter than the announced size fails with a clear error", async () => {
    server = await startServer(async (req, res) => {
      await readAll(req).catch(() => undefined);
      json(res, 200, { modified_at: "2024-05-01T10:00:00.000Z" });
    });
    client = testClient();
    const err = await rejection(
      client.upload({
        url: `${server.origin}/u`,
        repo: repoFor(server.origin),
        params: [],
        file: Readable.from([Buffer.from("abc")]),
        fileSize: 10,
        mimeType: "text/plain",
      }),
    );
    expect(err["code"]).toBe("DOCGATE_INTERNAL");
    expect(err["detail"]).toContain("3 bytes");
  });
});

describe("upload outcome classification", () => {
  async function uploadAgainst(status: number, body: string) {
    server = await startServer(async (req, res) => {
      await readAll(req);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(body);
    });
    client = testClient();
    return client.upload({
      url: `${server.origin}/v2/context/d/content`,
      repo: repoFor(server.origin),
      params: [["x-token", "tok-SECRET-123"]],
      file: Readable.from([Buffer.from("data")]),
      fileSize: 4,
      mimeType: "application/octet-stream",
    });
  }

  it("2xx with modified_at succeeds and returns the parsed JSON", async () => {
    const result = await uploadAgainst(200, '{"modified_at":"2024-06-01T00:00:00.000Z","size":4}');
    expect(result.json).toEqual({ modified_at: "2024-06-01T00:00:00.000Z", size: 4 });
  });

  it.each([
    [429, true],
    [500, true],
    [503, true],
    [403, false],
    [404, false],
    [409, false],
  ])("HTTP %i → retryable %s, with the status and a snippet of the reply", async (status, retryable) => {
    const err = await rejection(uploadAgainst(status, `{"error":"nope","echo":"tok-SECRET-123"}`));
    expect(err).toMatchObject({ code: "DOCGATE_UPSTREAM_STATUS", upstreamStatus: status, retryable });
    expect(err["detail"]).toContain(`HTTP ${status}`);
    expect(err["detail"]).toContain('"error":"nope"');
    // A reply echoing the request must not leak the params' values into logs or pages.
    expect(err["detail"]).not.toContain("tok-SECRET-123");
  });

  it.each([
    ["not JSON", "<html>ok</html>"],
    ["no modified_at", '{"ok":true}'],
    ["empty modified_at", '{"modified_at":""}'],
    ["modified_at not a string", '{"modified_at":12}'],
    ["a JSON array", "[]"],
  ])("2xx with %s is held, not retried", async (_label, body) => {
    const err = await rejection(uploadAgainst(200, body));
    expect(err).toMatchObject({ code: "DOCGATE_UPSTREAM_STATUS", upstreamStatus: 200, retryable: false });
  });

  it("a connection dropped mid-upload is retryable", async () => {
    server = await startServer((req) => req.socket.destroy());
    client = testClient();
    const err = await rejection(
      client.upload({
        url: `${server.origin}/u`,
        repo: repoFor(server.origin),
        params: [],
        file: Readable.from([randomBytes(1024 * 1024)]),
        mimeType: "application/octet-stream",
      }),
    );
    expect(err).toMatchObject({ code: "DOCGATE_UPSTREAM_UNREACHABLE", retryable: true });
  });
});
