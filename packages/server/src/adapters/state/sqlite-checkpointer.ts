// Moves SQLite's WAL checkpoints to a worker thread (sqlite-checkpoint-worker.js explains why).
// Measured with bench/entry.ts on this project's 2-core machine: with the automatic checkpoint, every
// ~1000 WAL pages one commit on the event loop copied them into the database file and fsynced it twice,
// 10-50 ms during which no request moved (the entry's p99). The writer connection here raises the
// automatic checkpoint's mark far above SQLite's default (see WAL_RESTART_MARK_PAGES); if the thread
// cannot run, it restores the default, which is always correct.
import { Worker } from "node:worker_threads";
import type { Database } from "better-sqlite3";

/** How often the thread checkpoints: the WAL then holds about this long's writes before it restarts. */
export const CHECKPOINT_INTERVAL_MS = 200;
/** SQLite's own default, restored when the thread is unavailable. */
const AUTO_CHECKPOINT_PAGES = 1000;
/**
 * While the thread runs, the writer's own automatic checkpoint stays on at this high mark (~48 MiB of
 * WAL, under sqlite-dialect.ts's journal_size_limit). The thread copies frames while writes go on, but
 * the WAL restarts from its beginning only when a checkpoint has caught up with the last commit, which
 * under sustained writes never happens: bench/entry.ts grew it to 514 MB in a minute, and 1,000
 * entries/s then saw a p99 of 300 ms. At the mark, a commit checkpoints on the event loop what the
 * thread has not copied yet (a fraction of a second's writes, and the fsyncs), and the next write
 * restarts the WAL.
 */
export const WAL_RESTART_MARK_PAGES = 12_000;
const STOP_TIMEOUT_MS = 5000;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(
  raw: Database,
  file: string,
  walRestartMarkPages = WAL_RESTART_MARK_PAGES,
): Checkpointer {
  let worker: Worker | undefined;
  const fallBack = () => {
    if (raw.open) raw.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    void worker?.terminate();
    worker = undefined;
  };
  try {
    worker = new Worker(new URL("./sqlite-checkpoint-worker.js", import.meta.url), {
      workerData: { file, intervalMs: CHECKPOINT_INTERVAL_MS },
    });
    raw.pragma(`wal_autocheckpoint = ${walRestartMarkPages}`);
  } catch {
    fallBack();
    return { stop: async () => {} };
  }
  // The thread never keeps the process alive; the store's close() stops it.
  worker.unref();
  const started = worker;
  worker.on("error", fallBack);
  worker.on("exit", () => {
    if (worker === started) fallBack();
  });
  worker.on("message", (message: { error?: string }) => {
    if (message?.error) fallBack();
  });
  return {
    stop: async () => {
      const running = worker;
      if (!running) return;
      worker = undefined;
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      running.postMessage("stop");
      const timeout = setTimeout(() => void running.terminate(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timeout);
    },
  };
}
