// The demo's pages and its entry links: meta per demo user (verified by docgate's own verifier), the
// click-time redirect, uploads from the browser, the user switcher, and escaping of user text.
import { verifyEntryUrlSignature } from "@docgate/sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanFileName, safeReturnPath } from "../src/http/ui-routes.js";
import { CONTEXT, createHarness, DOCGATE_URL, type Harness, multipartBody, SECRET } from "./support/demo-harness.js";

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.close();
});

describe("GET /open: signs at click time and redirects to docgate", () => {
  it("signs with the SDK, for the current user, with downloadUrl/uploadUrl on the registered context", async () => {
    const doc = await h.addDocument("合同 contract.docx", "x");
    const url = await h.open(doc.id, "edit", "editor");
    expect(url.startsWith(`${DOCGATE_URL}/docs/app/driver-callback?`)).toBe(true);
    expect(verifyEntryUrlSignature(url, SECRET)).toBe(true);
    const entry = h.verify(url);
    expect(entry).toMatchObject({
      repoId: "demo",
      docId: doc.id,
      action: "edit",
      downloadUrl: `${CONTEXT}/api/docs/${doc.id}/content`,
      uploadUrl: `${CONTEXT}/api/docs/${doc.id}/content`,
      ts: h.clock.now,
    });
    expect(entry.user).toMatchObject({ id: "u-editor", display_name: "王编辑 Wang (editor)" });
    expect(entry.meta).toMatchObject({
      id: doc.id,
      name: "合同 contract.docx",
      modified_at: doc.latest.modifiedAt,
      size: 1,
      permissions: { read: true, write: true, download: true, print: true, copy: true },
      role: "contributor",
    });
  });

  it("gives each demo user the rights the issue asks for", async () => {
    const doc = await h.addDocument("a.docx", "x");
    const commenter = h.verify(await h.open(doc.id, "edit", "commenter")).meta;
    expect(commenter.role).toBe("commenter");
    expect(commenter.permissions.write).toBe(true);
    const reviewer = h.verify(await h.open(doc.id, "edit", "reviewer")).meta;
    expect(reviewer.extension.trackChangeForceOn).toBe(true);
    const viewer = h.verify(await h.open(doc.id, "view", "viewer"));
    expect(viewer.meta.permissions).toMatchObject({ read: true, write: false, download: false, print: false });
    expect(viewer.meta.waterMark?.lines.join(" ")).toMatch(/陈查看 Chen .*view only/);
    expect(viewer.uploadUrl).toBeNull();
  });

  it("keeps the signed URL out of caches and referrers", async () => {
    const doc = await h.addDocument("a.docx", "x");
    const res = await h.demo.app.inject({ method: "GET", url: `/open/${doc.id}?action=view` });
    expect(res.statusCode).toBe(302);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
  });

  it("refuses Edit for the viewer, unknown actions and unknown documents", async () => {
    const doc = await h.addDocument("a.docx", "x");
    const edit = await h.demo.app.inject({
      method: "GET",
      url: `/open/${doc.id}?action=edit`,
      headers: { cookie: "demo_user=viewer" },
    });
    expect(edit.statusCode).toBe(403);
    expect((await h.demo.app.inject({ method: "GET", url: `/open/${doc.id}?action=delete` })).statusCode).toBe(400);
    expect((await h.demo.app.inject({ method: "GET", url: "/open/doc-nope?action=view" })).statusCode).toBe(404);
  });
});

describe("pages", () => {
  it("lists documents with their modified_at, says the editor is the emulator, and escapes names", async () => {
    const doc = await h.addDocument(`<img src=x onerror="alert(1)">'.docx`, "x");
    const res = await h.demo.app.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-security-policy"]).toContain(`frame-src 'self' ${DOCGATE_URL}`);
    expect(res.body).toContain('data-editor="emulator"');
    expect(res.body).toMatch(/ONLYOFFICE emulator/);
    expect(res.body).toContain(doc.latest.modifiedAt);
    expect(res.body).not.toContain("<img src=x");
    expect(res.body).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;.docx");
  });

  it("shows Edit buttons and the upload form only to users who may edit", async () => {
    await h.addDocument("a.docx", "x");
    const editor = await h.demo.app.inject({ method: "GET", url: "/", headers: { cookie: "demo_user=editor" } });
    expect(editor.body).toContain('data-testid="edit-tab"');
    expect(editor.body).toContain('data-testid="upload-form"');
    const viewer = await h.demo.app.inject({ method: "GET", url: "/", headers: { cookie: "demo_user=viewer" } });
    expect(viewer.body).not.toContain('data-testid="edit-tab"');
    expect(viewer.body).not.toContain('data-testid="upload-form"');
    expect(viewer.body).toContain('data-testid="preview-embed"');
  });

  it("embeds docgate through the demo's own /open endpoint", async () => {
    const doc = await h.addDocument("a.docx", "x");
    const res = await h.demo.app.inject({ method: "GET", url: `/embed/${doc.id}?action=edit` });
    expect(res.body).toContain(`<iframe class="embed-frame" id="docgate-frame"`);
    expect(res.body).toContain(`src="/open/${doc.id}?action=edit"`);
  });

  it("switches the current user with a same-origin form post and refuses cross-site posts", async () => {
    const ok = await h.demo.app.inject({
      method: "POST",
      url: "/user",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        host: "localhost:9000",
        origin: "http://localhost:9000",
      },
      payload: "user=viewer&returnTo=%2Fdocs%2Fx",
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe("/docs/x");
    expect(ok.headers["set-cookie"]).toBe("demo_user=viewer; Path=/; HttpOnly; SameSite=Lax");
    const cross = await h.demo.app.inject({
      method: "POST",
      url: "/user",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        host: "localhost:9000",
        origin: "http://evil.example",
      },
      payload: "user=viewer",
    });
    expect(cross.statusCode).toBe(403);
  });

  it("creates a document from the upload form, as version 1 with the browser's file name", async () => {
    const form = await multipartBody("file", "hello", "C:\\Users\\me\\季度 report.docx");
    const res = await h.demo.app.inject({
      method: "POST",
      url: "/docs",
      headers: { "content-type": form.contentType },
      payload: form.body,
    });
    expect(res.statusCode).toBe(303);
    const [doc] = h.demo.ctx.documents.listDocuments();
    expect(doc).toMatchObject({ name: "季度 report.docx", createdBy: "editor", versionCount: 1 });
    expect(doc?.latest).toMatchObject({ n: 1, size: 5, source: "upload" });
  });

  it("serves version files only to users allowed to download", async () => {
    const doc = await h.addDocument("a.docx", "bytes");
    const editor = await h.demo.app.inject({ method: "GET", url: `/docs/${doc.id}/versions/1/file` });
    expect(editor.statusCode).toBe(200);
    expect(editor.body).toBe("bytes");
    expect(editor.headers["content-disposition"]).toBe(`attachment; filename="a.docx"; filename*=UTF-8''a.docx`);
    const viewer = await h.demo.app.inject({
      method: "GET",
      url: `/docs/${doc.id}/versions/1/file`,
      headers: { cookie: "demo_user=viewer" },
    });
    expect(viewer.statusCode).toBe(403);
  });
});

describe("helpers", () => {
  it("safeReturnPath keeps local paths only", () => {
    expect(safeReturnPath("/docs/1?x=1")).toBe("/docs/1?x=1");
    for (const bad of ["//evil.example/", "/\\evil.example", "http://evil.example/", "", undefined, 3]) {
      expect(safeReturnPath(bad)).toBe("/");
    }
  });

  it("cleanFileName keeps the last path segment without control characters", () => {
    expect(cleanFileName("a/b\\c\u0000d.docx")).toBe("cd.docx");
    expect(cleanFileName("   ")).toBe("");
  });
});
