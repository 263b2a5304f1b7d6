// A separate process contending for one SQLite file (sqlite.test.ts, cross-process case). It prints
// "ready", waits for a line on stdin so that every worker starts claiming at once, then prints what it
// won as one JSON line.
// argv: <file> <fingerprint count>
import { once } from "node:events";
import { createStateStore } from "../../../src/adapters/state/create-state-store.js";

const [file, countArg] = process.argv.slice(2);
const store = await createStateStore(`sqlite:${file}`);
await store.ping();
process.stdout.write("ready\n");
await once(process.stdin, "data");

const entries: string[] = [];
const jobs: string[] = [];
for (let i = 0; i < Number(countArg); i++) {
  // Interleave both kinds of claim so the workers collide on the write lock repeatedly.
  if (await store.claimEntry(`fp-${i}`, 1)) entries.push(`fp-${i}`);
  const job = await store.claimDueJob("save-upload", 1, 60_000);
  if (job !== undefined) jobs.push(job.id);
}
for (;;) {
  const job = await store.claimDueJob("save-upload", 1, 60_000);
  if (job === undefined) break;
  jobs.push(job.id);
}
await store.close();
process.stdout.write(`${JSON.stringify({ entries, jobs })}\n`);
process.stdin.destroy();
