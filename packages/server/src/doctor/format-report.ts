// Human output of `docgate doctor`: one ✓ / ! / ✗ line per check, its hint indented below.
import type { CheckStatus } from "./check-result.js";
import type { DoctorReport } from "./run-doctor.js";

const MARK: Record<CheckStatus, string> = { ok: "✓", warn: "!", fail: "✗" };

export function formatReport(report: DoctorReport): string {
  const lines: string[] = [];
  for (const r of report.results) {
    lines.push(`${MARK[r.status]} ${r.id}: ${r.message}`);
    if (r.hint) lines.push(`    → ${r.hint}`);
  }
  const count = (s: CheckStatus) => report.results.filter((r) => r.status === s).length;
  lines.push("");
  lines.push(`${count("ok")} ok, ${count("warn")} warning(s), ${count("fail")} failure(s)`);
  return `${lines.join("\n")}\n`;
}
