// GET document.url as DS fetches it (issue 3, item 3; spec: onlyoffice 3): DS's Bearer token with
// payload.url equal to this URL, then a stream from the business system with the user's params.
// No DS here: tokens are signed as DS signs them.
import type { AddressInfo } from "node:net";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOoHarness, dsFetchToken, JWT_SECRET, type OoHarness, pathOf, sampleDocx } from "./support/oo-harness.js";

let h: OoHarness;
beforeAll(async () => {
  h = await createOoHarness({ fetch: { maxDownloadBytes: 8 * 1024 * 1024 } });
});
afterAll(async () => {
  await h?.close();
});

async function openDoc(docId: string, bytes?: Buffer) {
  if (bytes) h.bs.files.set(`/files/${docId}/content`, bytes);
  const config = await h.editorConfig(await h.open({ docId }));
  return config.document.url;
}

function fetchAs(url: string, token?: string, header = "authorization") {
  return h.app.inject({
    method: "GET",
    url: pathOf(url),
    headers: token === undefined ? {} : { [header]: `Bearer ${token}` },
  });
}

describe("document delivery", () => {
  it("streams the file with DS's token; params reach the business system as query, Cookie and x- headers", async () => {
    const bytes = sampleDocx("deliver-1");
    const url = await openDoc("deliver-1", bytes);
    const res = await fetchAs(url, await dsFetchToken(url));
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers["content-length"]).toBe(String(bytes.length));
    const got = h.bs.downloads().filter((r) => r.path === "/files/deliver-1/content");
    expect(got).toHaveLength(1);
    expect(got[0]?.query.get("zdocs_access_token")).toBe("tok123");
    expect(got[0]?.query.get("x-tenant")).toBe("t1");
    expect(got[0]?.headers.cookie).toBe("zdocs_access_token=tok123; x-tenant=t1");
    expect(got[0]?.headers["x-tenant"]).toBe("t1");
    expect(got[0]?.headers.authorization).toBeUndefined();
  });

  it("refuses a request without a token (401) and fetches nothing", async () => {
    const url = await openDoc("deliver-none", sampleDocx("x"));
    const before = h.bs.downloads().length;
    const res = await fetchAs(url);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("DOCGATE_UNAUTHORIZED");
    expect(h.bs.downloads().length).toBe(before);
  });

  it("refuses a token signed with another secret, an expired one, or one without exp (403)", async () => {
    const url = await openDoc("deliver-bad", sampleDocx("x"));
    const before = h.bs.downloads().length;
    const noExp = await new SignJWT({ payload: { url } })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      .sign(new TextEncoder().encode(JWT_SECRET));
    for (const token of [
      await dsFetchToken(url, "another-secret-0123456789"),
      await dsFetchToken(url, JWT_SECRET, -120),
      noExp,
      "not.a.jwt",
    ]) {
      const res = await fetchAs(url, token);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("DOCGATE_EDITOR_TOKEN_INVALID");
    }
    expect(h.bs.downloads().length).toBe(before);
  });

  it("refuses a valid token whose payload.url is another URL, even another document's", async () => {
    const url = await openDoc("deliver-mismatch-a", sampleDocx("a"));
    const other = await openDoc("deliver-mismatch-b", sampleDocx("b"));
    const res = await fetchAs(url, await dsFetchToken(other));
    expect(res.statusCode).toBe(403);
    // The URL must match exactly as given in the config (DS's internal view of docgate).
    const publicForm = url.replace("http://docgate.internal:8001", "http://127.0.0.1:8001");
    expect((await fetchAs(url, await dsFetchToken(publicForm))).statusCode).toBe(403);
  });

  it("uses the configured header name (onlyoffice.jwtHeader)", async () => {
    const custom = await createOoHarness({ onlyoffice: { jwtHeader: "AuthorizationJwt" } });
    try {
      custom.bs.files.set("/files/hdr/content", sampleDocx("hdr"));
      const url = (await custom.editorConfig(await custom.open({ docId: "hdr" }))).document.url;
      const token = await dsFetchToken(url);
      const wrongHeader = await custom.app.inject({ url: pathOf(url), headers: { authorization: `Bearer ${token}` } });
      expect(wrongHeader.statusCode).toBe(401);
      const right = await custom.app.inject({ url: pathOf(url), headers: { authorizationjwt: `Bearer ${token}` } });
      expect(right.statusCode).toBe(200);
    } finally {
      await custom.close();
    }
  });

  it("refuses a tampered reference (404) even with a token for it", async () => {
    const url = await openDoc("deliver-tamper", sampleDocx("t"));
    const tampered = url.slice(0, -2) + (url.endsWith("AA") ? "BB" : "AA");
    const res = await fetchAs(tampered, await dsFetchToken(tampered));
    expect(res.statusCode).toBe(404);
  });

  it("maps business-system failures to plain HTTP statuses for DS", async () => {
    const missing = await openDoc("deliver-404");
    expect((await fetchAs(missing, await dsFetchToken(missing))).statusCode).toBe(502);
    const big = await openDoc("deliver-big", Buffer.alloc(9 * 1024 * 1024, 1));
    expect((await fetchAs(big, await dsFetchToken(big))).statusCode).toBe(413);
  });
});

describe("document delivery over a real socket (streaming)", () => {
  let base: string;
  beforeAll(async () => {
    await h.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });

  it("passes bytes on before the business system has finished sending (no buffering), size unknown", async () => {
    const docId = "deliver-stream";
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    const chunk = Buffer.alloc(256 * 1024, 7);
    h.bs.files.set(`/files/${docId}/content`, (_req, res) => {
      // Chunked (no Content-Length): the first chunk now, the rest only when the test says so.
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write(chunk);
      void released.then(() => {
        for (let i = 0; i < 20; i++) res.write(chunk);
        res.end();
      });
    });
    const url = await openDoc(docId);
    const res = await fetch(`${base}${pathOf(url)}`, {
      headers: { authorization: `Bearer ${await dsFetchToken(url)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBeNull();
    const reader = res.body!.getReader();
    let received = 0;
    // The first chunk arrives while the business system still holds the rest back.
    while (received < chunk.length) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value.length;
    }
    expect(received).toBeGreaterThanOrEqual(chunk.length);
    release();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value.length;
    }
    expect(received).toBe(chunk.length * 21);
  });

  it("aborts the business-system download when DS hangs up", async () => {
    const docId = "deliver-abort";
    let upstreamClosed = false;
    h.bs.files.set(`/files/${docId}/content`, (req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write(Buffer.alloc(64 * 1024, 1));
      req.socket.on("close", () => {
        upstreamClosed = true;
      });
      // Never ends on its own.
    });
    const url = await openDoc(docId);
    const controller = new AbortController();
    const res = await fetch(`${base}${pathOf(url)}`, {
      headers: { authorization: `Bearer ${await dsFetchToken(url)}` },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await h.bs.waitFor(() => upstreamClosed, 5_000);
    expect(upstreamClosed).toBe(true);
  });
});
