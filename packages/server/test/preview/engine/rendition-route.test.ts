// The rendition route (issue 4, item 6): every request is checked against the session and its
// browser binding; files go out with their Content-Type, nosniff and no-store, inline unless the
// user may download and asked to; Range requests for pdf.js. Native formats only: no LibreOffice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docx } from "../fixtures/ooxml.js";
import {
  type BusinessSystem,
  createPreviewApp,
  HTML,
  JSON_ACCEPT,
  type PreviewApp,
  startBusinessSystem,
} from "./harness.js";
import { getRendition } from "./support.js";

let business: BusinessSystem;
let t: PreviewApp;
const TEXT = "0123456789 行二 line two\n";

beforeAll(async () => {
  business = await startBusinessSystem();
  t = await createPreviewApp(business);
  business.files.set("text", Buffer.from(TEXT));
  business.files.set("word", await docx(["ORIGINAL-BYTES"]));
  business.files.set("picture", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
});

afterAll(async () => {
  await t?.close();
  await business?.close();
});

const NO_DOWNLOAD = { permissions: { read: true, write: false, download: false } };

describe("who may fetch a rendition", () => {
  it("refuses another session's cookie, and a bound session without its cookie", async () => {
    const mine = await t.open("text", { name: "a.txt" });
    const theirs = await t.open("text", { name: "a.txt" });
    expect((await getRendition(t.app, mine)).statusCode).toBe(200); // binds the session to this browser
    const stolen = await getRendition(t.app, { path: mine.path, cookie: theirs.cookie }, JSON_ACCEPT);
    expect(stolen.statusCode).toBe(403);
    expect(stolen.json().error.code).toBe("DOCGATE_SESSION_BROWSER_MISMATCH");
    const bare = await getRendition(t.app, { path: mine.path, cookie: "" }, JSON_ACCEPT);
    expect(bare.statusCode).toBe(403);
  });

  it("has no rendition for a session routed to another engine", async () => {
    const mine = await t.open("text", { name: "a.txt" });
    const record = await t.store.getSession(mine.path.split("/")[2]!);
    const id = "O".repeat(43);
    await t.store.createSession({ ...record!, id, engine: "onlyoffice", browserBound: null });
    const res = await getRendition(t.app, { path: `/s/${id}`, cookie: "" }, JSON_ACCEPT);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("DOCGATE_NOT_FOUND");
  });

  it("refuses an unknown session", async () => {
    const res = await getRendition(t.app, { path: `/s/${"A".repeat(43)}`, cookie: "" }, JSON_ACCEPT);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("DOCGATE_SESSION_NOT_FOUND");
  });
});

describe("how a rendition is served", () => {
  it("inline, with Content-Type, Content-Length, nosniff, no-store and a sandbox CSP", async () => {
    const res = await getRendition(t.app, await t.open("text", { name: "notes.txt" }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(TEXT);
    expect(res.headers).toMatchObject({
      "content-type": "text/plain; charset=utf-8",
      "content-length": String(Buffer.byteLength(TEXT)),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-disposition": "inline",
      "accept-ranges": "bytes",
    });
    expect(res.headers["content-security-policy"]).toContain("sandbox");
  });

  it("serves an SVG inert: its script cannot run even when the URL is opened directly", async () => {
    const res = await getRendition(t.app, await t.open("picture", { name: "logo.svg" }));
    expect(res.headers["content-type"]).toBe("image/svg+xml");
    expect(res.headers["content-security-policy"]).toMatch(/default-src 'none'.*sandbox/);
  });

  it("never as an attachment when download is not allowed, even when asked", async () => {
    const session = await t.open("text", { name: "secret.txt", ...NO_DOWNLOAD });
    const inline = await getRendition(t.app, session);
    expect(inline.statusCode).toBe(200);
    expect(inline.headers["content-disposition"]).toBe("inline");
    const res = await t.app.inject({
      url: `${session.path}/rendition?download=1`,
      headers: { cookie: session.cookie, ...JSON_ACCEPT },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("DOCGATE_PERMISSION_DENIED");
    expect(res.headers["content-disposition"]).toBeUndefined();
  });

  it("as an attachment of the original file when download is allowed and asked for", async () => {
    const session = await t.open("word", { name: "folder/合同 v2.docx" });
    const res = await t.app.inject({
      url: `${session.path}/rendition?download=1`,
      headers: { cookie: session.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(business.files.get("word")!)).toBe(true);
    expect(res.headers["content-type"]).toBe("application/octet-stream");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="__ v2.docx"; filename*=UTF-8''${encodeURIComponent("合同 v2.docx")}`,
    );
  });

  it("answers Range requests with 206 and Content-Range, and 416 beyond the end", async () => {
    const session = await t.open("text", { name: "range.txt" });
    const part = await getRendition(t.app, session, { range: "bytes=2-5" });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe("2345");
    expect(part.headers["content-range"]).toBe(`bytes 2-5/${Buffer.byteLength(TEXT)}`);
    expect(part.headers["content-length"]).toBe("4");
    const suffix = await getRendition(t.app, session, { range: "bytes=-5" });
    expect(suffix.rawPayload.equals(Buffer.from(TEXT).subarray(-5))).toBe(true);
    const beyond = await getRendition(t.app, session, { range: "bytes=9999-" });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers["content-range"]).toBe(`bytes */${Buffer.byteLength(TEXT)}`);
    const multi = await getRendition(t.app, session, { range: "bytes=0-1,4-5" });
    expect(multi.statusCode).toBe(200);
    expect(multi.body).toBe(TEXT);
  });
});

describe("the session page of a preview session", () => {
  it("describes the session to machines: kind, rendition URL, permissions, watermark", async () => {
    const session = await t.open("text", {
      name: "described.txt",
      ...NO_DOWNLOAD,
      waterMark: { line1: "机密 confidential" },
    });
    const res = await t.app.inject({ url: session.path, headers: { ...JSON_ACCEPT, cookie: session.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kind: "text",
      renditionUrl: `${session.path}/rendition`,
      permissions: { read: true, download: false },
      watermark: expect.anything(),
    });
  });

  it("renders the viewer page, text kinds with their content rendered on the server, under the viewer's CSP", async () => {
    const session = await t.open("text", { name: "page.txt" });
    const res = await t.app.inject({ url: session.path, headers: { ...HTML, cookie: session.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain('data-testid="viewer"');
    expect(res.body).toContain("行二 line two");
    expect(res.body).toContain(`${session.path}/rendition`);
    const csp = res.headers["content-security-policy"] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("worker-src 'self'");
  });

  it("shows a failure known within the page's wait as the bilingual error page with its code", async () => {
    const session = await t.open("missing-upstream", { name: "gone.pdf" });
    const res = await t.app.inject({ url: session.path, headers: { ...HTML, cookie: session.cookie } });
    expect(res.statusCode).toBe(502);
    expect(res.body).toContain('data-testid="error-code">DOCGATE_UPSTREAM_STATUS<');
  });
});
