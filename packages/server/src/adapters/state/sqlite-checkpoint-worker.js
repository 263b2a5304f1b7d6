// The body of the SQLite checkpointer thread (sqlite-checkpointer.ts). Plain JavaScript so the thread
// starts without the TypeScript loader the main thread runs under.
//
// A PASSIVE checkpoint copies committed WAL frames into the database file and fsyncs it without waiting
// for (or blocking) readers and writers; the writer connection then restarts the WAL from its start
// once every frame is checkpointed. Doing this here keeps the copying and its fsyncs off the event
// loop, where SQLite's automatic checkpoint would otherwise run them inside some unlucky commit.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { file, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true });

function checkpoint() {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    // SQLITE_BUSY (another checkpoint is running, e.g. another process's) is harmless: try next tick.
    if (!String(error?.code).startsWith("SQLITE_BUSY")) parentPort.postMessage({ error: String(error) });
  }
}

const timer = setInterval(checkpoint, intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
