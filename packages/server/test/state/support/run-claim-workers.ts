// Starts the SQLite claim workers, releases them together once all are ready, and collects results.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

export interface WorkerResult {
  entries: string[];
  jobs: string[];
}

const WORKER = resolve(import.meta.dirname, "sqlite-claim-worker.ts");
const TSX = resolve(import.meta.dirname, "../../../../../node_modules/.bin/tsx");

export async function runClaimWorkers(file: string, workers: number, fingerprints: number): Promise<WorkerResult[]> {
  const children = Array.from({ length: workers }, () => {
    const child = spawn(TSX, [WORKER, file, String(fingerprints)], { stdio: ["pipe", "pipe", "inherit"] });
    const lines = createInterface({ input: child.stdout });
    const iterator = lines[Symbol.asyncIterator]();
    const next = async (): Promise<string> => {
      const { value, done } = await iterator.next();
      if (done) throw new Error(`claim worker ${child.pid} exited early`);
      return value;
    };
    return { child, next };
  });
  try {
    for (const c of children) expectLine(await c.next(), "ready");
    for (const c of children) c.child.stdin.write("go\n");
    const results = await Promise.all(children.map(async (c) => JSON.parse(await c.next()) as WorkerResult));
    await Promise.all(children.map((c) => (c.child.exitCode === null ? once(c.child, "exit") : undefined)));
    return results;
  } finally {
    for (const c of children) if (c.child.exitCode === null) c.child.kill();
  }
}

function expectLine(line: string, wanted: string): void {
  if (line !== wanted) throw new Error(`claim worker said "${line}", expected "${wanted}"`);
}
