// The intake (spec: onlyoffice 4): stored durably before it resolves, deduplicated, origin rewritten,
// foreign origins refused, DS failures turned into DOCGATE_SAVE_STORE_FAILED with nothing left behind.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rewriteDsUrl } from "../../src/saves/ds-download.js";
import type { SavePayload } from "../../src/saves/save-job.js";
import { createSaveHarness, DS_PUBLIC, fileBytes, PARAMS, type SaveHarness } from "./support/save-harness.js";

let h: SaveHarness;
beforeAll(async () => {
  h = await createSaveHarness({ noWorker: true });
});
afterAll(() => h.close());

const spoolDir = () => join(h.dir, "spool");
const spoolFiles = () => (existsSync(spoolDir()) ? readdirSync(spoolDir()) : []);

async function rejectionOf(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error("expected a rejection");
}

describe("save intake", () => {
  it("stores the file and its job before resolving, with everything the upload needs copied in", async () => {
    const session = await h.createSession();
    const bytes = fileBytes("stored", 300_000);
    const input = h.saveInput(session, bytes);
    const { jobId, duplicate } = await h.intake.acceptSave(input);
    expect(duplicate).toBe(false);
    const job = await h.store.getJob(jobId);
    expect(job).toMatchObject({ state: "pending", kind: "save-upload", repoId: "crm", docId: session.docId });
    const payload = job!.payload as unknown as SavePayload;
    expect(payload).toMatchObject({
      sessionId: session.id,
      final: true,
      status: 2,
      fileName: "合同.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      uploadUrl: session.uploadUrl,
      params: PARAMS,
      userId: "u-301",
      problem: null,
    });
    const path = join(spoolDir(), payload.spoolFile);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(path.replace(/\.data$/, ".json"))).toBe(true);
    expect(spoolFiles().filter((f) => f.endsWith(".part") || f.endsWith(".tmp"))).toEqual([]);
    // Downloaded from DS's internal origin, never the public one.
    expect(h.ds.requests.at(-1)).toMatch(/^\/cache\/files\/data\/.*\?md5=abc&expires=9999999999$/);
  });

  it("streams to disk while downloading (the file is never held whole in memory)", async () => {
    const session = await h.createSession();
    const bytes = fileBytes("streamed", 1_000_000);
    const input = h.saveInput(session, bytes);
    const path = new URL(input.dsUrl).pathname;
    h.ds.files.set(path, { bytes, chunks: 10, pauseMs: 60 });
    const partSizes: number[] = [];
    const watcher = setInterval(() => {
      for (const f of spoolFiles().filter((n) => n.endsWith(".part"))) {
        try {
          partSizes.push(statSync(join(spoolDir(), f)).size);
        } catch {}
      }
    }, 10);
    await h.intake.acceptSave(input);
    clearInterval(watcher);
    // Part of the file was on disk while the rest was still on its way.
    expect(partSizes.some((s) => s > 0 && s < bytes.length)).toBe(true);
  });

  it("a repeated callback returns the same job without downloading again, also when concurrent", async () => {
    const session = await h.createSession();
    const input = h.saveInput(session, fileBytes("dup"));
    const before = h.ds.requests.length;
    const [a, b] = await Promise.all([h.intake.acceptSave(input), h.intake.acceptSave(input)]);
    const c = await h.intake.acceptSave(input);
    expect(a.jobId).toBe(b.jobId);
    expect(c.jobId).toBe(a.jobId);
    expect([a.duplicate, b.duplicate, c.duplicate]).toEqual([false, true, true]);
    expect(h.ds.requests.length - before).toBe(1);
  });

  it("refuses a url outside Document Server's origins, downloading nothing", async () => {
    const session = await h.createSession();
    const input = h.saveInput(session, fileBytes("foreign"), { dsUrl: `${h.bs.origin}/cache/files/x` });
    const before = { ds: h.ds.requests.length, bs: h.bs.requests, files: spoolFiles().length };
    const err = await rejectionOf(h.intake.acceptSave(input));
    expect(err.code).toBe("DOCGATE_SAVE_STORE_FAILED");
    expect(err.message).toMatch(/not on Document Server's origin/);
    expect({ ds: h.ds.requests.length, bs: h.bs.requests, files: spoolFiles().length }).toEqual(before);
  });

  it.each([
    ["missing (404)", 404],
    ["expired (410)", 410],
    ["tampered (403)", 403],
  ])("a DS link that is %s fails with DOCGATE_SAVE_STORE_FAILED and stores nothing", async (_label, status) => {
    const session = await h.createSession();
    const input = h.saveInput(session, fileBytes("gone"));
    h.ds.files.set(new URL(input.dsUrl).pathname, { status });
    const files = spoolFiles().length;
    const err = await rejectionOf(h.intake.acceptSave(input));
    expect(err.code).toBe("DOCGATE_SAVE_STORE_FAILED");
    expect(err.message).toContain(`HTTP ${status}`);
    expect(spoolFiles().length).toBe(files);
    expect(await h.store.listJobs({ kind: "save-upload" })).not.toContainEqual(
      expect.objectContaining({ dedupeKey: input.dedupeKey }),
    );
    // DS's retry, once the link works, stores it.
    h.ds.files.set(new URL(input.dsUrl).pathname, { bytes: fileBytes("back") });
    expect((await h.intake.acceptSave(input)).duplicate).toBe(false);
  });

  it("a save whose session is unknown is still stored, marked for an operator", async () => {
    const session = await h.createSession();
    const input = h.saveInput(session, fileBytes("orphan"), { sessionId: "no-such-session" });
    const { jobId } = await h.intake.acceptSave(input);
    const payload = (await h.store.getJob(jobId))!.payload as unknown as SavePayload;
    expect(payload.uploadUrl).toBeNull();
    expect(payload.problem).toMatch(/session is unknown/);
  });
});

describe("rewriteDsUrl", () => {
  it("maps the public base to the internal one, keeping path and query", () => {
    const url = rewriteDsUrl(`${DS_PUBLIC}/cache/a/b?md5=x&expires=1`, DS_PUBLIC, "http://10.0.0.5:8080");
    expect(String(url)).toBe("http://10.0.0.5:8080/cache/a/b?md5=x&expires=1");
  });

  it("handles DS behind a path prefix on both sides", () => {
    const url = rewriteDsUrl("https://example.com/ds/cache/f?e=1", "https://example.com/ds/", "http://ds:80/");
    expect(String(url)).toBe("http://ds/cache/f?e=1");
    expect(rewriteDsUrl("https://example.com/other/cache/f", "https://example.com/ds", "http://ds")).toMatch(
      /not on Document Server's origin/,
    );
  });

  it("accepts the internal origin as is, refuses others, credentials and garbage", () => {
    expect(String(rewriteDsUrl("http://ds:80/cache/x", DS_PUBLIC, "http://ds"))).toBe("http://ds/cache/x");
    expect(rewriteDsUrl("http://ds.public.test:9999/cache/x", DS_PUBLIC, "http://ds")).toEqual(expect.any(String));
    expect(rewriteDsUrl("http://169.254.169.254/latest", DS_PUBLIC, "http://ds")).toEqual(expect.any(String));
    expect(rewriteDsUrl("http://u:p@ds/cache/x", DS_PUBLIC, "http://ds")).toMatch(/credentials/);
    expect(rewriteDsUrl("not a url", DS_PUBLIC, "http://ds")).toMatch(/cannot be parsed/);
  });
});
