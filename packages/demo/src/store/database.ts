// The demo business system keeps its own state in one SQLite file (documents, versions, tokens);
// the file bytes live next to it on disk, one file per version.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

export type DemoDatabase = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
  doc_id TEXT NOT NULL REFERENCES documents(id),
  n INTEGER NOT NULL,
  modified_at TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  source TEXT NOT NULL,
  author TEXT NOT NULL,
  PRIMARY KEY (doc_id, n)
);
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  can_write INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS tokens_expiry ON tokens (expires_at);
`;

/** Opens (creating if needed) `<dataDir>/demo.db` and the `<dataDir>/files` directory. */
export function openDemoDatabase(dataDir: string): DemoDatabase {
  mkdirSync(join(dataDir, "files"), { recursive: true });
  const db = new Database(join(dataDir, "demo.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.exec(SCHEMA);
  return db;
}
