// The LibreOffice pool against a real soffice: conversions, error classification, single-flight.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processesMatching } from "../../../../test/support/process-list.js";
import { requireTool } from "../../../../test/support/require-tool.js";
import { LibreOfficePool } from "../../src/engines/preview/libreoffice/libreoffice-pool.js";
import { TEXT, writeFixtures } from "./fixtures/files.js";
import { pdfPages } from "./pdf-text.js";
import { expectCode, ourPipeFiles, partialFiles } from "./support.js";

let dir: string;
let out: string;
let files: Record<string, string>;
let pool: LibreOfficePool;

beforeAll(async () => {
  await requireTool("soffice");
  await requireTool("python-uno");
  dir = mkdtempSync(join(tmpdir(), "docgate-preview-test-"));
  out = join(dir, "out");
  files = await writeFixtures(dir);
  pool = new LibreOfficePool({ size: 2, workDir: dir, jobTimeoutMs: 60_000 });
});

afterAll(async () => {
  await pool?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("LibreOfficePool conversions", () => {
  it("converts a docx, and later conversions run on the same resident soffice processes", async () => {
    const first = await pool.convert("docx-1", files["report.docx"]!, join(out, "report.pdf"));
    expect(first.pages).toBe(1);
    const [text] = await pdfPages(first.outputPath);
    expect(text).toContain(TEXT.docx);
    expect(text).toContain(TEXT.docxZh);
    // What makes a warm conversion fast is that nothing starts per job; how fast is bench/preview.ts.
    await expect.poll(() => pool.stats().readyWorkers, { timeout: 60_000 }).toBe(2);
    const soffices = () =>
      pool
        .workerDirs()
        .flatMap((d) => processesMatching(d).filter((line) => line.includes("soffice.bin")))
        .map((line) => line.split(" ")[0])
        .sort();
    const resident = soffices();
    expect(resident).toHaveLength(2);
    for (let i = 0; i < 6; i++) {
      const result = await pool.convert(`docx-warm-${i}`, files["report.docx"]!, join(out, `warm-${i}.pdf`));
      expect(result.pages).toBe(1);
    }
    expect(soffices()).toEqual(resident);
    expect(pool.stats()).toMatchObject({ restarts: 0, recycles: 0, failures: 0 });
  });

  it("converts every sheet of an xlsx, a wide sheet fitted to one page width", async () => {
    const result = await pool.convert("xlsx-1", files["book.xlsx"]!, join(out, "book.pdf"));
    const pages = await pdfPages(result.outputPath);
    // Two sheets, two pages: the 40-column row did not spill onto extra pages.
    expect(pages).toHaveLength(2);
    expect(result.pages).toBe(2);
    expect(pages[0]).toContain(TEXT.wideFirst);
    expect(pages[0]).toContain(TEXT.wideLast);
    expect(pages[1]).toContain(TEXT.secondSheet);
    expect(pages[1]).toContain(TEXT.secondSheetZh);
  });

  it("converts a pptx, one page per slide", async () => {
    const result = await pool.convert("pptx-1", files["slides.pptx"]!, join(out, "slides.pdf"));
    expect(await pdfPages(result.outputPath)).toEqual([
      expect.stringContaining(TEXT.slide1),
      expect.stringContaining(TEXT.slide2),
    ]);
  });

  it("refuses an .xls that is really an HTML page: web filters would load linked content", async () => {
    // docs/security.md: web pages never reach LibreOffice, whatever their extension says.
    await expectCode(
      pool.convert("xls-html", files["legacy.xls"]!, join(out, "legacy.pdf")),
      "DOCGATE_FORMAT_DISGUISED",
    );
    expect(existsSync(join(out, "legacy.pdf"))).toBe(false);
  });

  it("takes the format from a hint when the path has no extension", async () => {
    const spooled = join(dir, "spooled-source");
    copyFileSync(files["report.docx"]!, spooled);
    const result = await pool.convert("hint-1", spooled, join(out, "hinted.pdf"), { format: "docx" });
    expect((await pdfPages(result.outputPath))[0]).toContain(TEXT.docx);
  });
});

describe("LibreOfficePool errors", () => {
  const cases = [
    ["truncated.docx", "DOCGATE_FILE_CORRUPT"],
    ["noise.docx", "DOCGATE_FILE_CORRUPT"],
    ["empty.docx", "DOCGATE_FILE_CORRUPT"],
    ["locked.odt", "DOCGATE_FILE_PASSWORD_PROTECTED"],
    ["picture.docx", "DOCGATE_FORMAT_UNSUPPORTED"],
    ["notes.xyz", "DOCGATE_FORMAT_UNSUPPORTED"],
  ] as const;

  it.each(cases)("%s fails with %s, leaves no file, and the workers keep working", async (name, code) => {
    const before = pool.stats();
    const target = join(out, `${name}.pdf`);
    await expectCode(pool.convert(`err-${name}`, files[name]!, target), code);
    expect(existsSync(target)).toBe(false);
    expect(partialFiles(out)).toEqual([]);
    const after = await pool.convert(`after-${name}`, files["report.docx"]!, join(out, `after-${name}.pdf`));
    expect(after.pages).toBe(1);
    // A bad document is an answer, not a crash: no worker was replaced.
    expect(pool.stats().restarts).toBe(before.restarts);
  });

  it("reports the catalogue status of each preview error", async () => {
    const locked = await expectCode(
      pool.convert("err-status", files["locked.odt"]!, join(out, "x.pdf")),
      "DOCGATE_FILE_PASSWORD_PROTECTED",
    );
    expect(locked.status).toBe(422);
    expect(locked.retryable).toBe(false);
  });
});

describe("LibreOfficePool single-flight", () => {
  it("runs ten concurrent requests for one key as one conversion", async () => {
    const before = pool.stats();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        pool.convert("same-content", files["report.docx"]!, join(out, `shared-${i}.pdf`)),
      ),
    );
    const after = pool.stats();
    expect(after.jobs - before.jobs).toBe(1);
    expect(after.shared - before.shared).toBe(9);
    expect(results.filter((r) => r.shared)).toHaveLength(9);
    const bytes = readFileSync(results[0]!.outputPath);
    for (const result of results) expect(readFileSync(result.outputPath).equals(bytes)).toBe(true);
    expect(partialFiles(out)).toEqual([]);
  });

  it("converts again once the shared conversion has finished", async () => {
    const before = pool.stats().jobs;
    await pool.convert("same-content", files["report.docx"]!, join(out, "shared-later.pdf"));
    expect(pool.stats().jobs - before).toBe(1);
  });
});

describe("LibreOfficePool close", () => {
  it("kills every process and removes every profile", async () => {
    const root = pool.rootDir;
    expect(processesMatching(root).length).toBeGreaterThan(0);
    await pool.close();
    expect(processesMatching(root)).toEqual([]);
    expect(existsSync(root)).toBe(false);
    expect(ourPipeFiles()).toEqual([]);
    await expectCode(pool.convert("closed", files["report.docx"]!, join(out, "closed.pdf")), "DOCGATE_UNAVAILABLE");
  });
});
