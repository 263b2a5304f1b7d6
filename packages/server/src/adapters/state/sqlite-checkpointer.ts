// Moves SQLite's WAL checkpoints to a worker thread (sqlite-checkpoint-worker.js explains why).
// Measured with bench/entry.ts on this project's 2-core machine: with the automatic checkpoint, every
// ~1000 WAL pages one commit on the event loop copied them into the database file and fsynced it twice,
// 10-50 ms during which no request moved (the entry's p99). The writer connection here turns the
// automatic checkpoint off; if the thread cannot run, it turns it back on, which is always correct.
import { Worker } from "node:worker_threads";
import type { Database } from "better-sqlite3";

/** How often the thread checkpoints: the WAL then holds about this long's writes before it restarts. */
export const CHECKPOINT_INTERVAL_MS = 200;
/** SQLite's own default, restored when the thread is unavailable. */
const AUTO_CHECKPOINT_PAGES = 1000;
const STOP_TIMEOUT_MS = 5000;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(raw: Database, file: string): Checkpointer {
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
    raw.pragma("wal_autocheckpoint = 0");
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
