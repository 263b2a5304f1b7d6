// Benchmark: what verifying one entry URL costs, step by step, in a tight loop on warm caches: the
// least verification can cost inside the server, where the HTTP stack, SQLite and logging share the
// caches (docs/benchmarks.md, "Entry"). The URLs are the ones bench/entry.ts sends. No server, no I/O.
// Run: npm run bench:entry-verify   env: BENCH_CALLS per pass (20000), BENCH_REPEATS (7)
import { cpus } from "node:os";
import { parseConfig } from "../packages/core/src/config/load-config.js";
import type { RepoConfig } from "../packages/core/src/config/schema.js";
import { decodeBase64Json } from "../packages/core/src/entry/base64-json.js";
import { assertUrlWithinContext } from "../packages/core/src/entry/host-rule.js";
import { metaSchema } from "../packages/core/src/entry/meta-schema.js";
import { parseParams } from "../packages/core/src/entry/params.js";
import { parseRawTarget } from "../packages/core/src/entry/raw-query.js";
import { verifySignature } from "../packages/core/src/entry/signature.js";
import { decodeUserInfo } from "../packages/core/src/entry/userinfo-schema.js";
import { verifyEntry } from "../packages/core/src/entry/verify-entry.js";
import { BENCH_CONTEXT, BENCH_SECRET, makeEntryTargets, median } from "./entry-support.js";

const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
// Few distinct URLs, cycled: thousands of parsed URLs held live made every step up to 3x slower (more
// for the GC to trace) than in the server, whose heap holds no such arrays. verifyEntry does not
// consult the replay store, so reuse does not change its work.
const URLS = 200;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);

const { config } = parseConfig({
  repos: [{ id: "bench", secrets: [BENCH_SECRET], context: BENCH_CONTEXT, tsWindowMs: 600_000 }],
});
const repo = config.repos[0] as RepoConfig;
const lookupRepo = (id: string) => (id === repo.id ? repo : undefined);
const targets = makeEntryTargets("http://127.0.0.1:8001", URLS);
const now = Date.now();

// Each step's inputs are made before it is timed, so a step's figure is that step alone.
const parsed = targets.map((t) => parseRawTarget(t));
const values = parsed.map((p) => new Map(p.pairs.map((pair) => [pair.key, pair.value])));
const field = (i: number, name: string) => values[i]?.get(name) ?? "";
const metaJson = values.map((_, i) => decodeBase64Json(field(i, "meta"), "meta", "DOCGATE_META_INVALID"));

/** µs per call of `step(i)` over every URL: the median of REPEATS passes, after one warm-up pass. */
function microseconds(step: (i: number) => unknown): number {
  const passes: number[] = [];
  let sink = 0;
  for (let pass = 0; pass <= REPEATS; pass++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) if (step(i % URLS)) sink++;
    const us = Number(process.hrtime.bigint() - start) / 1000 / CALLS;
    if (pass > 0) passes.push(us);
  }
  if (sink === 0) throw new Error("every step returned nothing: the bench measured no work");
  return Number(median(passes).toFixed(2));
}

const steps = {
  verifyEntry: microseconds((i) => verifyEntry({ rawTarget: targets[i] as string, lookupRepo, now })),
  parseRawTarget: microseconds((i) => parseRawTarget(targets[i] as string)),
  signatureAndFingerprint: microseconds((i) => verifySignature(parsed[i]!, repo.secrets)),
  userinfo: microseconds((i) => decodeUserInfo(field(i, "userinfo"))),
  metaBase64Json: microseconds((i) => decodeBase64Json(field(i, "meta"), "meta", "DOCGATE_META_INVALID")),
  metaZod: microseconds((i) => metaSchema.safeParse(metaJson[i]).success),
  hostRuleBothUrls: microseconds(
    (i) =>
      assertUrlWithinContext("downloadUrl", field(i, "downloadUrl"), repo.context) &&
      assertUrlWithinContext("uploadUrl", field(i, "uploadUrl"), repo.context),
  ),
  params: microseconds((i) => parseParams(field(i, "params"), repo.headerPrefix)),
};

console.log(
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      urlLength: targets[0]?.length,
      distinctUrls: URLS,
      callsPerPass: CALLS,
      repeats: REPEATS,
      microsecondsPerCall: steps,
    },
    null,
    2,
  ),
);
