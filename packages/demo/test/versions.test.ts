// Version bookkeeping and the upload reply (spec: entry 3 "Upload", entry 5): every save from docgate is
// a new version whose modified_at is strictly later than the previous one, even within one millisecond,
// and the next entry URL carries it.
import { describe, expect, it } from "vitest";
import { MODIFIED_AT_PATTERN, nextModifiedAt } from "../src/modified-at.js";
import { createHarness, docgateCall, type Harness, multipartBody } from "./support/demo-harness.js";

async function save(h: Harness, docId: string, bytes: string, user = "editor", field = "file") {
  const entry = h.verify(await h.open(docId, "edit", user));
  const call = docgateCall(entry, entry.uploadUrl as string);
  const form = await multipartBody(field, bytes, "content", "application/octet-stream");
  return h.demo.app.inject({
    method: "POST",
    url: call.url,
    headers: { ...call.headers, "content-type": form.contentType },
    payload: form.body,
  });
}

describe("nextModifiedAt", () => {
  it("formats as YYYY-MM-DDTHH:mm:ss.SSSZ in UTC", () => {
    expect(nextModifiedAt(undefined, Date.UTC(2024, 0, 2, 3, 4, 5, 6))).toBe("2024-01-02T03:04:05.006Z");
    expect(nextModifiedAt(undefined, Date.UTC(2024, 0, 2, 3, 4, 5, 6))).toMatch(MODIFIED_AT_PATTERN);
  });

  it("moves one millisecond past the previous value within the same millisecond or when the clock steps back", () => {
    const t = Date.UTC(2024, 0, 1);
    const first = nextModifiedAt(undefined, t);
    const second = nextModifiedAt(first, t);
    const third = nextModifiedAt(second, t - 5_000);
    expect([first, second, third]).toEqual([
      "2024-01-01T00:00:00.000Z",
      "2024-01-01T00:00:00.001Z",
      "2024-01-01T00:00:00.002Z",
    ]);
    expect(nextModifiedAt(third, t + 10)).toBe("2024-01-01T00:00:00.010Z");
  });
});

describe("POST uploadUrl", () => {
  it("stores a new version and answers with its modified_at; the next link carries it", async () => {
    const h = createHarness();
    try {
      const doc = await h.addDocument("报告 report.docx", "version one");
      const res = await save(h, doc.id, "version two");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      const reply = res.json();
      expect(reply).toEqual({ modified_at: reply.modified_at, version: 2, size: 11, id: doc.id });
      expect(reply.modified_at).toMatch(MODIFIED_AT_PATTERN);
      expect(reply.modified_at > doc.latest.modifiedAt).toBe(true);

      const versions = h.demo.ctx.documents.listVersions(doc.id);
      expect(versions.map((v) => [v.n, v.source, v.author])).toEqual([
        [2, "docgate", "editor"],
        [1, "upload", "editor"],
      ]);
      // Preview again: the entry URL has the new modified_at and docgate downloads the new bytes.
      const entry = h.verify(await h.open(doc.id, "view"));
      expect(entry.meta.modified_at).toBe(reply.modified_at);
      expect(entry.meta.version).toBe("2");
      const call = docgateCall(entry, entry.downloadUrl);
      const download = await h.demo.app.inject({ method: "GET", url: call.url, headers: call.headers });
      expect(download.body).toBe("version two");
      // The versions page lists both, newest first, with their modified_at.
      const page = await h.demo.app.inject({ method: "GET", url: `/docs/${doc.id}` });
      const shown = [...page.body.matchAll(/data-testid="modified-at">([^<]+)</g)].map((m) => m[1]);
      expect(shown).toEqual([reply.modified_at, doc.latest.modifiedAt]);
    } finally {
      await h.close();
    }
  });

  it("gives saves within one millisecond strictly increasing modified_at", async () => {
    const h = createHarness();
    try {
      const doc = await h.addDocument("a.xlsx", "v1");
      const stamps = [doc.latest.modifiedAt];
      for (let i = 2; i <= 5; i++) {
        const res = await save(h, doc.id, `v${i}`); // the harness clock does not move
        expect(res.statusCode).toBe(200);
        stamps.push(res.json().modified_at);
      }
      expect(new Set(stamps).size).toBe(5);
      expect([...stamps].sort()).toEqual(stamps);
      expect(Date.parse(stamps[4]!) - Date.parse(stamps[0]!)).toBe(4);
    } finally {
      await h.close();
    }
  });

  it("saves as the reviewer and the commenter too, recording who saved", async () => {
    const h = createHarness();
    try {
      const doc = await h.addDocument("a.docx", "v1");
      expect((await save(h, doc.id, "by reviewer", "reviewer")).statusCode).toBe(200);
      expect((await save(h, doc.id, "by commenter", "commenter")).statusCode).toBe(200);
      expect(h.demo.ctx.documents.listVersions(doc.id).map((v) => v.author)).toEqual([
        "commenter",
        "reviewer",
        "editor",
      ]);
    } finally {
      await h.close();
    }
  });

  it("refuses a body without a `file` part (400) and one over the size limit (413), storing nothing", async () => {
    const h = createHarness({ maxUploadBytes: 1024 });
    try {
      const doc = await h.addDocument("a.docx", "v1");
      const wrong = await save(h, doc.id, "x", "editor", "document");
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.message).toMatch(/no part named file/);
      const big = await save(h, doc.id, "x".repeat(4096));
      expect(big.statusCode).toBe(413);
      expect(h.demo.ctx.documents.listVersions(doc.id)).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it("answers 404 for a document that does not exist, even with a token for that id", async () => {
    const h = createHarness();
    try {
      const { token } = h.demo.ctx.tokens.issue({ userId: "editor", docId: "doc-missing", canWrite: true }, 60_000);
      const res = await h.demo.app.inject({
        method: "GET",
        url: `/api/docs/doc-missing/content?demo_token=${token}`,
        headers: { cookie: `demo_token=${token}`, "x-demo-token": token },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await h.close();
    }
  });
});
