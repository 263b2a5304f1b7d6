// GET /s/:id for an ONLYOFFICE session: the signed config as JSON, and the editor page (issue 3,
// item 2; spec: onlyoffice 1 and 3). No DS is involved: the token is checked with jose.
import { jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleMeta, sampleUserinfo } from "../../../../test/support/entry-fixtures.js";
import type { SignedEditorConfig } from "../../src/engines/onlyoffice/open-editor.js";
import { expectNoInjection } from "../support/html-safety.js";
import { createOoHarness, DS_PUBLIC, INTERNAL_URL, JWT_SECRET, type OoHarness } from "./support/oo-harness.js";

let h: OoHarness;
beforeAll(async () => {
  h = await createOoHarness();
});
afterAll(async () => {
  await h?.close();
});

function dataOf(body: string): { state: string; config: SignedEditorConfig | null; retryAfterMs: number } {
  const json = /<script type="application\/json" id="dg-data" nonce="[^"]+">([\s\S]*?)<\/script>/.exec(body)?.[1];
  if (!json) throw new Error("no data script");
  return JSON.parse(json);
}

describe("editor config as JSON", () => {
  it("returns the full config, signed with the config's fields at the top level", async () => {
    const id = await h.open({ docId: "cfg-1" });
    const res = await h.session(id);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { status: string; key: string; config: SignedEditorConfig; notices: string[] };
    expect(body.status).toBe("ready");
    expect(body.notices).toEqual([]);
    const { token, ...plain } = body.config;
    expect(plain).toMatchObject({
      documentType: "word",
      type: "desktop",
      document: { fileType: "docx", key: body.key, title: "合同 contract.docx" },
      editorConfig: {
        mode: "edit",
        lang: "zh",
        user: { id: "301", name: "张三 Zhang San" },
        customization: { forcesave: true },
      },
    });
    expect(plain.document.url).toMatch(new RegExp(`^${INTERNAL_URL}/onlyoffice/files/[A-Za-z0-9_-]+$`));
    expect(plain.editorConfig.callbackUrl).toMatch(new RegExp(`^${INTERNAL_URL}/onlyoffice/callback/[A-Za-z0-9_-]+$`));
    // The session id (the browser's capability) is not readable in the URLs DS gets.
    expect(plain.document.url).not.toContain(id);
    expect(plain.editorConfig.callbackUrl).not.toContain(id);
    expect(body.key).toMatch(/^[0-9A-Za-z._=-]{1,128}$/);

    const { payload } = await jwtVerify(token, new TextEncoder().encode(JWT_SECRET), { algorithms: ["HS256"] });
    const { iat: _iat, exp, ...signed } = payload;
    expect(signed).toEqual(plain);
    expect(exp).toBeGreaterThan(Date.now() / 1000);
  });

  it("sends every permission explicitly", async () => {
    const config = await h.editorConfig(await h.open());
    expect(Object.keys(config.document.permissions).sort()).toEqual(
      [
        "chat",
        "comment",
        "copy",
        "deleteCommentAuthorOnly",
        "download",
        "edit",
        "editCommentAuthorOnly",
        "fillForms",
        "modifyContentControl",
        "modifyFilter",
        "print",
        "protect",
        "review",
      ].sort(),
    );
  });

  it("an edit request without write permission opens read-only, with the notice", async () => {
    const docId = "cfg-ro";
    const id = await h.open({
      docId,
      meta: sampleMeta(docId, { permissions: { read: true, write: false, download: false, print: false } }),
    });
    const body = (await h.session(id)).json() as { config: SignedEditorConfig; notices: string[] };
    expect(body.config.editorConfig.mode).toBe("view");
    expect(body.config.document.permissions).toMatchObject({ edit: false, download: false, print: false, copy: false });
    expect(body.notices).toEqual(["readonly_write_permission_false"]);
    // A view does not start an editing session.
    expect((await h.store.getDocument("crm", docId))?.editKey).toBeNull();
  });

  it("an auditor's edit request opens read-only with all changes shown, and says why", async () => {
    const docId = "cfg-auditor";
    const id = await h.open({ docId, meta: sampleMeta(docId, { role: "auditor" }) });
    const body = (await h.session(id)).json() as { config: SignedEditorConfig; notices: string[] };
    expect(body.config.editorConfig.mode).toBe("view");
    expect(body.config.editorConfig.customization.review).toEqual({ reviewDisplay: "markup", showReviewChanges: true });
    expect(body.notices).toEqual(["readonly_role_auditor"]);
  });

  it("meta.waterMark becomes watermark_on_draw; a secure view also loses print and copy", async () => {
    const docId = "cfg-wm";
    const id = await h.open({
      docId,
      meta: sampleMeta(docId, {
        permissions: { read: true, write: true, download: false, print: true },
        waterMark: { line1: "机密 secret", withDate: false, rotation: 315, transparent: 30, fontcolor: "#fD4147" },
      }),
    });
    const config = await h.editorConfig(id);
    const w = config.document.options?.watermark_on_draw;
    expect(w).toMatchObject({ rotate: -45, transparent: 0.3 });
    expect(w?.paragraphs[0]?.runs[0]).toMatchObject({ text: "机密 secret", fill: [253, 65, 71] });
    expect(config.document.permissions).toMatchObject({ download: false, print: false, copy: false });
  });

  it("documentType follows the extension; phones get the mobile editor; the language follows the browser", async () => {
    const docId = "cfg-xlsx";
    const id = await h.open({ docId, meta: sampleMeta(docId, { name: "账目.xlsx" }) });
    const config = await h.editorConfig(id, {
      "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148",
      "accept-language": "en-US,en;q=0.9",
    });
    expect(config.documentType).toBe("cell");
    expect(config.type).toBe("mobile");
    expect(config.editorConfig.lang).toBe("en");
  });

  it("a fresh request signs a fresh config for the same key (what onRequestRefreshFile fetches)", async () => {
    const id = await h.open();
    const a = await h.editorConfig(id);
    const b = await h.editorConfig(id);
    expect(b.document.key).toBe(a.document.key);
    expect(b.document.url).not.toBe(a.document.url);
  });
});

describe("editor page", () => {
  it("loads api.js from DS's public URL, allows DS in the CSP, and embeds the signed config", async () => {
    const id = await h.open();
    const res = await h.session(id, { accept: "text/html" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toMatch(new RegExp(`script-src 'nonce-[^']+' ${DS_PUBLIC}(;|$)`));
    expect(csp).toMatch(new RegExp(`frame-src ${DS_PUBLIC}(;|$)`));
    expect(csp).toContain("frame-ancestors 'self' http://localhost:9000");
    expect(csp).toContain("default-src 'none'");
    expect(res.body).toMatch(
      new RegExp(`<script src="${DS_PUBLIC}/web-apps/apps/api/documents/api.js" nonce="[^"]+"></script>`),
    );
    const data = dataOf(res.body);
    expect(data.state).toBe("ready");
    expect(data.config?.document.key).toMatch(/^[0-9A-Za-z_-]{32}$/);
    expect(typeof data.config?.token).toBe("string");
    expect(res.body).toContain('new window.DocsAPI.DocEditor("editor", config)');
    expect(res.body).toContain("onRequestRefreshFile");
  });

  it("shows the read-only notice when an edit request opened read-only", async () => {
    const docId = "page-ro";
    const id = await h.open({
      docId,
      meta: sampleMeta(docId, { permissions: { read: true, write: false, download: true, print: true } }),
    });
    const res = await h.session(id, { accept: "text/html", "accept-language": "en" });
    expect(res.body).toContain('data-testid="notice-readonly_write_permission_false"');
    expect(res.body).toContain("did not grant write permission");
  });

  it("is XSS-safe: user-supplied names and watermark text stay text, in markup and in the script data", async () => {
    const payloads = ['</script><script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "\u2028<!--"];
    const docId = "page-xss";
    const id = await h.open({
      docId,
      userinfo: sampleUserinfo({ display_name: payloads[0] }),
      meta: sampleMeta(docId, { name: `${payloads[1]}.docx`, waterMark: { line1: payloads[2] } }),
    });
    const res = await h.session(id, { accept: "text/html" });
    expect(res.statusCode).toBe(200);
    const nonce = /'nonce-([^']+)'/.exec(String(res.headers["content-security-policy"]))?.[1];
    // The payloads travel only inside JSON data (user name, title, watermark), never as markup; the
    // title element shows the file name as text.
    expectNoInjection(res.body, [], nonce);
    expect(/<title>([\s\S]*?)<\/title>/.exec(res.body)?.[1]).not.toContain("<");
    const data = dataOf(res.body);
    expect(data.config?.editorConfig.user.name).toBe(payloads[0]);
    expect(data.config?.document.title).toBe(`${payloads[1]}.docx`);
    expect(data.config?.document.options?.watermark_on_draw.paragraphs[0]?.runs[0]?.text).toContain(payloads[2]);
  });
});
