// The two baselines the pool is measured against:
// - spawning `soffice --headless --convert-to pdf` per document (what libreoffice-convert does: a
//   fresh user profile per call), and the same with one profile reused across calls;
// - one bare warm UNO conversion loop: uno-worker.py driven directly over its JSON-lines protocol,
//   without the pool's queue, single-flight, timeouts or file publishing.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { documentFormat } from "../packages/server/src/engines/preview/libreoffice/formats.js";
import { UNO_WORKER_SCRIPT } from "../packages/server/src/engines/preview/libreoffice/libreoffice-worker.js";
import {
  groupMembers,
  killGroupAndWait,
  officePipeFiles,
} from "../packages/server/src/engines/preview/libreoffice/process-group.js";
import type { BenchDoc } from "./preview-docs.js";

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "ignore", env });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}

/** Milliseconds per document for `soffice --convert-to pdf`, one process per document. */
export async function spawnPerDocument(docs: BenchDoc[], work: string, freshProfile: boolean): Promise<number[]> {
  const shared = join(work, "shared-profile");
  const times: number[] = [];
  for (const doc of docs) {
    const profile = freshProfile ? mkdtempSync(join(work, "profile-")) : shared;
    const out = mkdtempSync(join(work, "spawn-out-"));
    const started = performance.now();
    await run("/usr/bin/soffice", [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "pdf",
      "--outdir",
      out,
      doc.path,
    ]);
    times.push(performance.now() - started);
    rmSync(out, { recursive: true, force: true });
    if (freshProfile) rmSync(profile, { recursive: true, force: true });
  }
  return times;
}

/** Milliseconds per document through one resident uno-worker.py, after warm-up conversions. */
export async function bareUnoLoop(docs: BenchDoc[], warmUps: BenchDoc[], work: string): Promise<number[]> {
  const dir = mkdtempSync(join(work, "bare-"));
  const child = spawn(
    "/usr/bin/python3",
    [
      "-B",
      UNO_WORKER_SCRIPT,
      "--soffice=/usr/bin/soffice",
      `--profile-dir=${join(dir, "profile")}`,
      `--pipe-name=docgate-bench-${randomBytes(6).toString("hex")}`,
      "--startup-timeout=120",
    ],
    { detached: true, stdio: ["pipe", "pipe", "ignore"], env: { ...process.env, TMPDIR: dir } },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(String((await lines.next()).value)) as { ok?: boolean; ready?: boolean };
  try {
    if (!(await next()).ready) throw new Error("uno-worker did not start");
    let id = 0;
    const convert = async (doc: BenchDoc) => {
      const request = { id: ++id, input: doc.path, output: join(dir, `${id}.pdf`), ...documentFormat(doc.path) };
      child.stdin!.write(`${JSON.stringify(request)}\n`);
      if (!(await next()).ok) throw new Error(`bare conversion of ${doc.name} failed`);
    };
    for (const doc of warmUps) await convert(doc);
    const times: number[] = [];
    for (const doc of docs) {
      const started = performance.now();
      await convert(doc);
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    child.stdin!.end();
    // soffice leaves its pipe socket in /tmp when killed: note it first, remove it after.
    const sockets = child.pid ? officePipeFiles(groupMembers(child.pid)) : [];
    if (child.pid) await killGroupAndWait(child.pid);
    for (const socket of sockets) rmSync(socket, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
