// Reconciles the spool with the job table (runs when the worker starts, then periodically). Decisions,
// for spool files older than minAgeMs (younger ones may belong to an intake still running):
//
//   .part / .tmp                        an intake died mid-write; never acknowledged → delete
//   .data without .json                 died before the commit point; never acknowledged → delete
//   .json without .data                 cannot happen by the write order; kept and reported
//   .json + .data, no job row           died between commit and insert → insert the job from the
//                                       manifest (same id, dedupe key and created time); if DS's
//                                       retry already stored the save, enqueue dedupes → delete ours
//   .json + .data, job done             died between completing the upload and deleting → delete
//   .json + .data, job names other file a losing concurrent intake's copy → delete
//   .json + .data, job pending/held     the live spool of that job → keep
import type { StateStore } from "@docgate/core";
import type { Logger } from "pino";
import type { SavePayload } from "./save-job.js";
import { parseSpoolName, type Spool } from "./spool.js";

export interface RecoveryReport {
  recovered: string[];
  deleted: string[];
  kept: number;
  problems: string[];
}

export async function recoverSpool(
  spool: Spool,
  store: StateStore,
  options: { now: number; minAgeMs: number; logger: Logger },
): Promise<RecoveryReport> {
  const report: RecoveryReport = { recovered: [], deleted: [], kept: 0, problems: [] };
  const entries = await spool.list();
  const byBase = new Map<string, { jobId: string; exts: Set<string>; oldest: number }>();
  for (const e of entries) {
    const parsed = parseSpoolName(e.name);
    if (!parsed) continue;
    const group = byBase.get(parsed.base) ?? { jobId: parsed.jobId, exts: new Set<string>(), oldest: e.mtimeMs };
    group.exts.add(parsed.ext);
    group.oldest = Math.min(group.oldest, e.mtimeMs);
    byBase.set(parsed.base, group);
  }
  for (const [base, group] of byBase) {
    // Another process's intake is only known by its files' age; this process's by name.
    if (spool.isActive(base) || options.now - group.oldest < options.minAgeMs) continue;
    try {
      await reconcile(base, group, spool, store, report);
    } catch (err) {
      report.problems.push(`${base}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (report.recovered.length > 0 || report.problems.length > 0) {
    options.logger.warn({ ...report }, "save spool reconciled");
  }
  return report;
}

async function reconcile(
  base: string,
  group: { jobId: string; exts: Set<string> },
  spool: Spool,
  store: StateStore,
  report: RecoveryReport,
): Promise<void> {
  const committed = group.exts.has("json");
  const hasData = group.exts.has("data");
  if (!committed) {
    await spool.remove(base);
    report.deleted.push(base);
    return;
  }
  if (!hasData) {
    report.problems.push(`${base}: manifest without data`);
    return;
  }
  const job = await store.getJob(group.jobId);
  const ours = `${base}.data`;
  if (!job) {
    const manifest = await spool.readManifest(base);
    const { job: stored } = await store.enqueueJob({ id: manifest.jobId, ...manifest, now: manifest.createdAt });
    if ((stored.payload as Partial<SavePayload>).spoolFile === ours) {
      report.recovered.push(stored.id);
      return;
    }
    await spool.remove(base);
    report.deleted.push(base);
    return;
  }
  if (job.state === "done" || (job.payload as Partial<SavePayload>).spoolFile !== ours) {
    await spool.remove(base);
    report.deleted.push(base);
    return;
  }
  report.kept += 1;
}
