// Hostile documents against the sandboxed LibreOffice pool (docs/security.md): every document of the
// generated corpus (fixtures/hostile.ts) tries to reach a probe listening on loopback or to read a
// local file, or to exhaust memory or CPU. Previewed through the pool as docgate runs it (sandbox
// required), none may connect (counted per TCP connection), none may carry a local secret into its
// rendition, and the pool keeps converting. The cross-repo read and a look at the data directory are
// tried on a real cache laid out as the engine lays it out.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DocgateError } from "@docgate/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPng } from "../../../../test/fixtures/binary-fixtures.js";
import { type Probe, startProbe } from "../../../../test/support/probe-server.js";
import { requireTool } from "../../../../test/support/require-tool.js";
import { LibreOfficePool } from "../../src/engines/preview/libreoffice/libreoffice-pool.js";
import { cacheKey } from "../../src/engines/preview/rendition-cache.js";
import { docxLinkedImage, type HostileDoc, hostileCorpus } from "./fixtures/hostile.js";
import { docx } from "./fixtures/ooxml.js";
import { pdfPages } from "./pdf-text.js";

const SECRET_PDF = "LOCAL-SECRET-PDF-8841";
const SECRET_TEXT = "LOCAL-SECRET-TEXT-5512";
const REPO_B_SECRET = "REPO-B-SECRET-3141";
// A refused or stopped document is contained too; anything else (a crash) is not an answer.
const CONTAINED_CODES = [
  "DOCGATE_FILE_CORRUPT",
  "DOCGATE_FORMAT_UNSUPPORTED",
  "DOCGATE_FORMAT_DISGUISED",
  "DOCGATE_CONVERSION_LIMIT",
  "DOCGATE_CONVERSION_TIMEOUT",
];

let dir: string;
let probe: Probe;
let pool: LibreOfficePool;
let corpus: HostileDoc[];
/** A distinctive local picture: 37x23 pixels, a size no other image in the corpus has. */
let localImage: string;
/** Connections the control made on purpose; every count below is over and above these. */
let controlConnections = 0;
const madeByDocuments = () => probe.connections() - controlConnections;

/** Sizes of the images embedded in a PDF (poppler's pdfimages), e.g. "37x23". */
function imageSizes(pdf: string): string[] {
  const listing = execFileSync("pdfimages", ["-list", pdf], { encoding: "utf8" });
  return listing
    .split("\n")
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length > 4)
    .map((fields) => `${fields[3]}x${fields[4]}`);
}

type Outcome = { ok: true; text: string; images: string[] } | { ok: false; code: string };

async function preview(key: string, input: string, format?: string): Promise<Outcome> {
  const out = join(dir, "out", `${key}.pdf`);
  try {
    await pool.convert(key, input, out, format ? { format } : {});
  } catch (err) {
    if (err instanceof DocgateError) return { ok: false, code: err.code };
    throw err;
  }
  return { ok: true, text: (await pdfPages(out)).join("\n"), images: imageSizes(out) };
}

function expectContained(outcome: Outcome, secrets: string[]): void {
  if (!outcome.ok) {
    expect(CONTAINED_CODES).toContain(outcome.code);
    return;
  }
  for (const secret of secrets) expect(outcome.text).not.toContain(secret);
  expect(outcome.images).not.toContain("37x23");
}

beforeAll(async () => {
  await requireTool("soffice");
  await requireTool("python-uno");
  await requireTool("bwrap");
  execFileSync("pdfimages", ["-v"], { stdio: "ignore" }); // poppler-utils: fails the run if missing
  dir = mkdtempSync(join(tmpdir(), "docgate-hostile-"));
  probe = await startProbe();
  mkdirSync(join(dir, "work"));
  // Bombs must trip the limits quickly; ordinary documents stay far below them.
  pool = new LibreOfficePool({
    size: 2,
    workDir: join(dir, "work"),
    sandbox: "required",
    jobTimeoutMs: 60_000,
    cpuLimitMs: 8_000,
    memoryLimitBytes: 1024 ** 3,
  });
  mkdirSync(join(dir, "local"));
  localImage = join(dir, "local", "secret.png");
  writeFileSync(localImage, buildPng(37, 23, [90, 90, 90]));
  const localText = join(dir, "local", "secret.txt");
  writeFileSync(localText, `${SECRET_TEXT}\n`);
  // The local PDF is made by the sandboxed pool itself, from a docx carrying the secret phrase.
  const source = join(dir, "local", "secret-source.docx");
  writeFileSync(source, await docx([SECRET_PDF]));
  const localPdf = join(dir, "local", "secret.pdf");
  await pool.convert("local-pdf", source, localPdf);
  expect((await pdfPages(localPdf)).join(" ")).toContain(SECRET_PDF);
  corpus = await hostileCorpus(probe.targets({ localImage, localPdf, localText }));
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await probe?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the probe (control)", () => {
  it("counts a plain TCP connection, so a zero below means nothing connected", async () => {
    const { Socket } = await import("node:net");
    const before = probe.connections();
    await new Promise<void>((resolve, reject) => {
      const socket = new Socket();
      socket.once("error", reject);
      socket.connect(probe.ports.http, "127.0.0.1", () => {
        socket.destroy();
        resolve();
      });
    });
    await expect.poll(() => probe.connections()).toBe(before + 1);
    controlConnections = probe.connections();
  });
});

describe("hostile documents through the sandboxed pool", () => {
  it("previews the whole corpus with 0 probe connections and 0 bytes of local files", async () => {
    expect(corpus.length).toBeGreaterThan(50);
    for (const doc of corpus) {
      const input = join(dir, "in", doc.file);
      mkdirSync(join(dir, "in"), { recursive: true });
      writeFileSync(input, doc.bytes);
      const outcome = await preview(`hostile-${doc.name}-${doc.format}`, input);
      expectContained(outcome, [SECRET_PDF, SECRET_TEXT, "root:x:0"]);
      expect(madeByDocuments(), `${doc.file}: ${doc.vector}`).toBe(0);
    }
    expect(pool.stats().limits).toBeGreaterThanOrEqual(2); // the zip bomb and a recalculation bomb
  }, 600_000);

  it("converts an ordinary document next, on workers that are still (or again) there", async () => {
    const input = join(dir, "ordinary.docx");
    writeFileSync(input, await docx(["ORDINARY-AFTER-HOSTILE"]));
    const outcome = await preview("ordinary", input);
    expect(outcome.ok && outcome.text).toContain("ORDINARY-AFTER-HOSTILE");
    expect(madeByDocuments()).toBe(0);
  }, 120_000);
});

describe("a worker over its memory ceiling", () => {
  it("is killed and replaced while the other worker keeps converting", async () => {
    // Its own pool: a ceiling the PNG bomb (16000x16000 pixels, about 1 GB decoded) crosses long
    // before the CPU limit does, and an
    // address-space limit far above it, so the resident-set watch (not an allocation failure
    // inside LibreOffice) is what stops it.
    const bounded = new LibreOfficePool({
      size: 2,
      workDir: join(dir, "work"),
      sandbox: "required",
      memoryLimitBytes: 400 * 1024 ** 2,
      addressSpaceBytes: 16 * 1024 ** 3,
      cpuLimitMs: 120_000,
      jobTimeoutMs: 120_000,
    });
    try {
      // Not the zip bomb: its 300 MiB part does not fit the sandbox's 256 MiB /tmp, where LibreOffice
      // unpacks it, so it fails as a damaged file before it can grow.
      const bomb = corpus.find((doc) => doc.file === "png-bomb.docx")!;
      const bombPath = join(dir, "bomb.docx");
      writeFileSync(bombPath, bomb.bytes);
      const ordinary = join(dir, "alongside.docx");
      writeFileSync(ordinary, await docx(["CONVERTED-ALONGSIDE"]));
      const bombed = bounded.convert("bomb", bombPath, join(dir, "out", "bomb.pdf")).catch((err: unknown) => err);
      // Ordinary conversions one after another while the bomb grows on the other worker.
      const alongside: number[] = [];
      for (let i = 0; i < 3; i++) {
        alongside.push((await bounded.convert(`alongside-${i}`, ordinary, join(dir, "out", `along-${i}.pdf`))).pages);
      }
      const err = await bombed;
      expect(err).toBeInstanceOf(DocgateError);
      expect((err as DocgateError).code).toBe("DOCGATE_CONVERSION_LIMIT");
      expect((err as DocgateError).message).toContain("(memory)");
      expect(alongside).toEqual([1, 1, 1]);
      expect(bounded.stats()).toMatchObject({ limits: 1, restarts: 1 });
      // Replaced: the pool is back to two workers, and one of them converts.
      await expect.poll(() => bounded.stats().readyWorkers, { timeout: 60_000 }).toBe(2);
      expect((await bounded.convert("after-bomb", ordinary, join(dir, "out", "after-bomb.pdf"))).pages).toBe(1);
    } finally {
      await bounded.close();
    }
  }, 240_000);
});

describe("the cross-repo read and the data directory", () => {
  it("reads nothing of another repo's cached rendition, with and without its file name", async () => {
    // Repo B's rendition, cached as the engine caches it (keyed name, repo directory of its own).
    const dataDir = join(dir, "data");
    const nameKey = randomBytes(32);
    const identity = { repoId: "tenant-b", docId: "7", modifiedAt: "2024-01-01T00:00:00.000Z", kind: "pdf" as const };
    const bPath = join(dataDir, "cache", cacheKey(identity, nameKey));
    mkdirSync(join(bPath, ".."), { recursive: true });
    const bSource = join(dir, "b.docx");
    writeFileSync(bSource, await docx([REPO_B_SECRET]));
    await pool.convert("repo-b", bSource, bPath);
    expect(readFileSync(bPath).length).toBeGreaterThan(0);
    // Repo A's documents link: the exact file (an attacker who learned its name), the name the
    // former unkeyed layout would have had, the cache directory, and the data directory.
    const { createHash } = await import("node:crypto");
    const unkeyed = createHash("sha256");
    for (const part of Object.values(identity)) unkeyed.update(`${Buffer.byteLength(part)}:`).update(part);
    const targets = [bPath, join(dataDir, "cache", `${unkeyed.digest("hex")}.pdf`), join(dataDir, "cache"), dataDir];
    for (const [i, target] of targets.entries()) {
      const input = join(dir, `repo-a-${i}.docx`);
      writeFileSync(input, docxLinkedImage(pathToFileURL(target).href));
      expectContained(await preview(`repo-a-${i}`, input), [REPO_B_SECRET]);
    }
    expect(madeByDocuments()).toBe(0);
  }, 180_000);
});
