// Failures (issue 4, item 7): a corrupt file, a password-protected file, an unsupported format, a
// file over the size cap and a conversion timeout each reach the user with their own code: as the
// JSON error the viewer page shows when its rendition request fails, and as the bilingual error page
// when the session page is (re)loaded after the failure is known. None leaves a temp file behind or
// a worker hung. Real LibreOffice.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleMeta, signTestUrl, targetOf } from "../../../../../test/support/entry-fixtures.js";
import { processesMatching } from "../../../../../test/support/process-list.js";
import { requireTool } from "../../../../../test/support/require-tool.js";
import { encryptedOdt, heavyFodt } from "../fixtures/odf.js";
import { docx } from "../fixtures/ooxml.js";
import {
  type BusinessSystem,
  createPreviewApp,
  HTML,
  type PreviewApp,
  PUBLIC_URL,
  startBusinessSystem,
} from "./harness.js";
import { getRendition, pdfText } from "./support.js";

const JOB_TIMEOUT_MS = 6000;
const MAX_BYTES = 8 * 1024 * 1024;

let business: BusinessSystem;
let t: PreviewApp;

beforeAll(async () => {
  await requireTool("soffice");
  await requireTool("python-uno");
  business = await startBusinessSystem();
  t = await createPreviewApp(business, {
    preview: { workers: 1, jobTimeoutMs: JOB_TIMEOUT_MS },
    fetch: { maxDownloadBytes: MAX_BYTES },
  });
  const valid = await docx(["STILL-WORKS-AFTER"]);
  business.files.set("corrupt", valid.subarray(0, Math.floor(valid.length / 2)));
  business.files.set("locked", await encryptedOdt("SECRET-BODY", "s3cret"));
  business.files.set("huge", Buffer.alloc(MAX_BYTES + 1, "a"));
  business.files.set("fake-pdf", Buffer.from("this is not a PDF"));
  business.files.set("heavy", Buffer.from(heavyFodt(5000)));
  business.files.set("after", valid);
});

afterAll(async () => {
  await t?.close();
  await business?.close();
});

/** Worker directories of the engine's pool (one per resident LibreOffice). */
function workerDirs(): string[] {
  const root = join(t.dataDir, "preview-work");
  return readdirSync(root).flatMap((pool) =>
    readdirSync(join(root, pool))
      .filter((d) => d.startsWith("w-"))
      .map((d) => join(root, pool, d)),
  );
}

async function expectFailure(docId: string, name: string, code: string, status: number): Promise<void> {
  const session = await t.open(docId, { name });
  // The viewer's rendition request: a JSON error with the code, which the page shows.
  const res = await getRendition(t.app, session);
  expect(res.statusCode).toBe(status);
  expect(res.headers["content-type"]).toContain("application/json");
  expect(res.json().error).toMatchObject({ code, message: expect.any(String) });
  // The same content opened again: the failure is known, so the page itself is the error page.
  const again = await t.open(docId, { name });
  const page = await t.app.inject({ url: again.path, headers: { ...HTML, cookie: again.cookie } });
  expect(page.statusCode).toBe(status);
  expect(page.headers["content-type"]).toContain("text/html");
  expect(page.body).toContain(`data-testid="error-code">${code}<`);
  expect(page.body).toMatch(/[\u4e00-\u9fff]/); // the zh-CN half
  expect(t.leftovers()).toEqual([]);
}

describe("failure pages, each with its own code", () => {
  it("a damaged file: DOCGATE_FILE_CORRUPT", async () => {
    await expectFailure("corrupt", "damaged.docx", "DOCGATE_FILE_CORRUPT", 422);
  });

  it("a file whose bytes do not match a native extension: DOCGATE_FILE_CORRUPT", async () => {
    await expectFailure("fake-pdf", "scan.pdf", "DOCGATE_FILE_CORRUPT", 422);
  });

  it("a password-protected file: DOCGATE_FILE_PASSWORD_PROTECTED", async () => {
    await expectFailure("locked", "locked.odt", "DOCGATE_FILE_PASSWORD_PROTECTED", 422);
  });

  it("a file over fetch.maxDownloadBytes: DOCGATE_FILE_TOO_LARGE", async () => {
    await expectFailure("huge", "huge.txt", "DOCGATE_FILE_TOO_LARGE", 413);
    await expectFailure("huge", "huge.docx", "DOCGATE_FILE_TOO_LARGE", 413);
  });

  it("a failure within the page's wait is the error page on the very first open", async () => {
    const session = await t.open("huge", { name: "huge.pdf" });
    const page = await t.app.inject({ url: session.path, headers: { ...HTML, cookie: session.cookie } });
    expect(page.statusCode).toBe(413);
    expect(page.body).toContain('data-testid="error-code">DOCGATE_FILE_TOO_LARGE<');
    expect(t.leftovers()).toEqual([]);
  });

  it("an unsupported format: DOCGATE_FORMAT_UNSUPPORTED at entry, before the link is used up", async () => {
    const url = targetOf(
      signTestUrl({
        baseUrl: PUBLIC_URL,
        context: business.origin,
        docId: "x",
        meta: sampleMeta("x", { name: "a.xyz" }),
      }),
    );
    const page = await t.app.inject({ url, headers: HTML });
    expect(page.statusCode).toBe(415);
    expect(page.body).toContain('data-testid="error-code">DOCGATE_FORMAT_UNSUPPORTED<');
    expect(business.downloads("x")).toBe(0);
  });

  it("a conversion that hangs: killed at the limit, DOCGATE_CONVERSION_TIMEOUT, worker replaced", async () => {
    // Warm the pool so the limit measures the conversion, not LibreOffice's start-up.
    expect((await getRendition(t.app, await t.open("after", { name: "warm.docx" }))).statusCode).toBe(200);
    const [hungDir] = workerDirs();
    expect(processesMatching(hungDir!).some((p) => p.includes("soffice.bin"))).toBe(true);

    const started = Date.now();
    const session = await t.open("heavy", { name: "heavy.fodt" });
    const res = await getRendition(t.app, session);
    const elapsed = Date.now() - started;
    expect(res.statusCode).toBe(504);
    expect(res.json().error.code).toBe("DOCGATE_CONVERSION_TIMEOUT");
    expect(elapsed).toBeGreaterThanOrEqual(JOB_TIMEOUT_MS);
    expect(elapsed).toBeLessThan(JOB_TIMEOUT_MS + 10_000);
    // The hung soffice and its worker are gone, not left running.
    expect(processesMatching(hungDir!)).toEqual([]);
    expect(existsSync(hungDir!)).toBe(false);
    expect(t.engine.metrics().pool).toMatchObject({ timeouts: 1, restarts: 1 });
    expect(t.leftovers()).toEqual([]);

    // Re-opening the same content does not hold a worker again: the failure is remembered.
    const jobs = t.engine.metrics().pool!.jobs;
    const again = await t.open("heavy", { name: "heavy.fodt" });
    const page = await t.app.inject({ url: again.path, headers: { ...HTML, cookie: again.cookie } });
    expect(page.statusCode).toBe(504);
    expect(page.body).toContain('data-testid="error-code">DOCGATE_CONVERSION_TIMEOUT<');
    expect(t.engine.metrics().pool!.jobs).toBe(jobs);

    // The replacement worker converts the next document.
    const next = await getRendition(
      t.app,
      await t.open("after", { name: "next.docx", modified_at: "2025-01-01T00:00:00.000Z" }),
    );
    expect(next.statusCode).toBe(200);
    expect(await pdfText(next.rawPayload)).toContain("STILL-WORKS-AFTER");
    expect(workerDirs()).not.toContain(hungDir);
    expect(workerDirs()).toHaveLength(1);
  });
});

describe("failure counters", () => {
  it("count failures by code for monitoring", () => {
    expect(t.engine.metrics().pipeline?.failures).toMatchObject({
      DOCGATE_FILE_CORRUPT: expect.any(Number),
      DOCGATE_FILE_PASSWORD_PROTECTED: expect.any(Number),
      DOCGATE_FILE_TOO_LARGE: expect.any(Number),
      DOCGATE_CONVERSION_TIMEOUT: expect.any(Number),
    });
  });
});
