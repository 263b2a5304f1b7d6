// The cache as users meet it (issue 4, item 3; spec: entry 5): content identity is
// (repoId, docId, modified_at), a second open costs no download and no conversion, and ten
// simultaneous opens of new content cost one download and one conversion. Real LibreOffice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireTool } from "../../../../../test/support/require-tool.js";
import { docx } from "../fixtures/ooxml.js";
import { type BusinessSystem, createPreviewApp, type PreviewApp, startBusinessSystem } from "./harness.js";
import { getRendition, pdfText } from "./support.js";

let business: BusinessSystem;
let t: PreviewApp;

beforeAll(async () => {
  await requireTool("soffice");
  await requireTool("python-uno");
  business = await startBusinessSystem();
  t = await createPreviewApp(business);
});

afterAll(async () => {
  await t?.close();
  await business?.close();
});

const T1 = "2024-05-01T08:00:00.000Z";
const T2 = "2024-05-02T09:30:00.000Z";

function jobs(): number {
  return t.engine.metrics().pool?.jobs ?? 0;
}

describe("rendition cache key", () => {
  it("shows each document's own content when two documents share a file name", async () => {
    business.files.set("same-name-a", await docx(["ALPHA-CONTENT-111"]));
    business.files.set("same-name-b", await docx(["BETA-CONTENT-222"]));
    const meta = { name: "报告 report.docx", modified_at: T1 };
    const a = await getRendition(t.app, await t.open("same-name-a", meta));
    const b = await getRendition(t.app, await t.open("same-name-b", meta));
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const textA = await pdfText(a.rawPayload);
    const textB = await pdfText(b.rawPayload);
    expect(textA).toContain("ALPHA-CONTENT-111");
    expect(textA).not.toContain("BETA");
    expect(textB).toContain("BETA-CONTENT-222");
    expect(textB).not.toContain("ALPHA");
  });

  it("shows the new content, never the old rendition, when modified_at changes", async () => {
    business.files.set("versioned", await docx(["VERSION-ONE"]));
    const first = await getRendition(t.app, await t.open("versioned", { name: "v.docx", modified_at: T1 }));
    expect(await pdfText(first.rawPayload)).toContain("VERSION-ONE");

    business.files.set("versioned", await docx(["VERSION-TWO"]));
    const second = await getRendition(t.app, await t.open("versioned", { name: "v.docx", modified_at: T2 }));
    const text = await pdfText(second.rawPayload);
    expect(text).toContain("VERSION-TWO");
    expect(text).not.toContain("VERSION-ONE");
    expect(business.downloads("versioned")).toBe(2);
  });
});

describe("a second open of unchanged content", () => {
  it("downloads nothing and converts nothing", async () => {
    business.files.set("reopened", await docx(["REOPEN-ME"]));
    const meta = { name: "again.docx", modified_at: T1 };
    const first = await getRendition(t.app, await t.open("reopened", meta));
    expect(first.statusCode).toBe(200);
    const downloads = business.downloads("reopened");
    const conversions = jobs();
    const { hits } = t.engine.metrics().cache!;
    expect(downloads).toBe(1);

    const second = await getRendition(t.app, await t.open("reopened", meta));
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(business.downloads("reopened")).toBe(downloads);
    expect(jobs()).toBe(conversions);
    expect(t.engine.metrics().cache!.hits).toBe(hits + 1);
  });
});

describe("single flight", () => {
  it("serves ten simultaneous opens of new content with one download and one conversion", async () => {
    business.files.set("popular", await docx(["TEN-AT-ONCE"]));
    const meta = { name: "popular.docx", modified_at: T1 };
    const sessions = [];
    for (let i = 0; i < 10; i++) sessions.push(await t.open("popular", meta));
    const conversions = jobs();
    const responses = await Promise.all(sessions.map((s) => getRendition(t.app, s)));
    for (const res of responses) {
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      expect(res.rawPayload.equals(responses[0]!.rawPayload)).toBe(true);
    }
    expect(await pdfText(responses[0]!.rawPayload)).toContain("TEN-AT-ONCE");
    expect(business.downloads("popular")).toBe(1);
    expect(jobs()).toBe(conversions + 1);
    expect(t.leftovers()).toEqual([]);
  });
});

describe("native formats", () => {
  it("serves a PDF or a text file as it is, without LibreOffice", async () => {
    const pdf = Buffer.from("%PDF-1.4\n%minimal\n");
    business.files.set("native-pdf", pdf);
    business.files.set("native-txt", Buffer.from("纯文本 plain text"));
    const conversions = jobs();
    const p = await getRendition(t.app, await t.open("native-pdf", { name: "scan.pdf" }));
    expect(p.statusCode).toBe(200);
    expect(p.headers["content-type"]).toBe("application/pdf");
    expect(p.rawPayload.equals(pdf)).toBe(true);
    const txt = await getRendition(t.app, await t.open("native-txt", { name: "notes.txt" }));
    expect(txt.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(txt.body).toBe("纯文本 plain text");
    expect(jobs()).toBe(conversions);
  });
});
