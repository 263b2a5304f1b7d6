// Documents and their versions. A version's bytes are written to a temporary file first and only
// become a version (row + final file name) in one step, so a half-received upload never shows up.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { nextModifiedAt } from "../modified-at.js";
import type { DemoDatabase } from "./database.js";

export type VersionSource = "sample" | "upload" | "docgate";

export interface DocumentRecord {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
}

export interface VersionRecord {
  docId: string;
  n: number;
  modifiedAt: string;
  size: number;
  sha256: string;
  source: VersionSource;
  author: string;
}

export interface DocumentWithLatest extends DocumentRecord {
  latest: VersionRecord;
  versionCount: number;
}

/** Bytes received into a temporary file, ready to become a version. */
export interface ReceivedFile {
  path: string;
  size: number;
  sha256: string;
}

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than ${limit} bytes`);
  }
}

interface VersionRow {
  doc_id: string;
  n: number;
  modified_at: string;
  size: number;
  sha256: string;
  source: VersionSource;
  author: string;
}

function toVersion(r: VersionRow): VersionRecord {
  return {
    docId: r.doc_id,
    n: r.n,
    modifiedAt: r.modified_at,
    size: r.size,
    sha256: r.sha256,
    source: r.source,
    author: r.author,
  };
}

export class DocumentStore {
  private readonly filesDir: string;

  constructor(
    private readonly db: DemoDatabase,
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.filesDir = join(dataDir, "files");
    mkdirSync(join(this.filesDir, "incoming"), { recursive: true });
  }

  /** Streams `source` into a temporary file, hashing it and stopping at `maxBytes`. */
  async receive(source: Readable, maxBytes: number): Promise<ReceivedFile> {
    const path = join(this.filesDir, "incoming", randomBytes(12).toString("hex"));
    const hash = createHash("sha256");
    let size = 0;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > maxBytes) throw new FileTooLargeError(maxBytes);
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(path, { flags: "wx" }),
      );
    } catch (err) {
      rmSync(path, { force: true });
      throw err;
    }
    return { path, size, sha256: hash.digest("hex") };
  }

  /** Drops a received file that will not become a version. */
  discard(file: ReceivedFile): void {
    rmSync(file.path, { force: true });
  }

  /** A new document whose first version is `file`. */
  createDocument(name: string, createdBy: string, file: ReceivedFile, source: VersionSource): DocumentWithLatest {
    const id = `doc-${randomBytes(6).toString("hex")}`;
    return this.db.transaction(() => {
      const version = this.insertVersion(id, file, source, createdBy, () => {
        this.db
          .prepare("INSERT INTO documents (id, name, created_at, created_by) VALUES (?, ?, ?, ?)")
          .run(id, name, new Date(this.now()).toISOString(), createdBy);
      });
      return { ...this.getDocument(id)!, latest: version, versionCount: 1 };
    })();
  }

  /** A new version of an existing document, with a modified_at strictly after the previous one. */
  addVersion(docId: string, file: ReceivedFile, source: VersionSource, author: string): VersionRecord {
    return this.db.transaction(() => this.insertVersion(docId, file, source, author))();
  }

  private insertVersion(
    docId: string,
    file: ReceivedFile,
    source: VersionSource,
    author: string,
    before?: () => void,
  ): VersionRecord {
    before?.();
    const last = this.latestVersion(docId);
    if (!before && !last) throw new Error(`no document ${docId}`);
    const n = (last?.n ?? 0) + 1;
    const modifiedAt = nextModifiedAt(last?.modifiedAt, this.now());
    this.db
      .prepare(
        "INSERT INTO versions (doc_id, n, modified_at, size, sha256, source, author) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(docId, n, modifiedAt, file.size, file.sha256, source, author);
    // Inside the transaction: if the rename fails, the row is rolled back with it.
    mkdirSync(join(this.filesDir, docId), { recursive: true });
    renameSync(file.path, this.versionPath(docId, n));
    return { docId, n, modifiedAt, size: file.size, sha256: file.sha256, source, author };
  }

  getDocument(id: string): DocumentRecord | undefined {
    const row = this.db.prepare("SELECT id, name, created_at, created_by FROM documents WHERE id = ?").get(id) as
      | { id: string; name: string; created_at: string; created_by: string }
      | undefined;
    return row && { id: row.id, name: row.name, createdAt: row.created_at, createdBy: row.created_by };
  }

  latestVersion(docId: string): VersionRecord | undefined {
    const row = this.db.prepare("SELECT * FROM versions WHERE doc_id = ? ORDER BY n DESC LIMIT 1").get(docId) as
      | VersionRow
      | undefined;
    return row && toVersion(row);
  }

  getVersion(docId: string, n: number): VersionRecord | undefined {
    const row = this.db.prepare("SELECT * FROM versions WHERE doc_id = ? AND n = ?").get(docId, n) as
      | VersionRow
      | undefined;
    return row && toVersion(row);
  }

  /** Newest first. */
  listVersions(docId: string): VersionRecord[] {
    const rows = this.db.prepare("SELECT * FROM versions WHERE doc_id = ? ORDER BY n DESC").all(docId) as VersionRow[];
    return rows.map(toVersion);
  }

  /** Newest documents first, each with its latest version. */
  listDocuments(): DocumentWithLatest[] {
    const docs = this.db
      .prepare("SELECT id, name, created_at, created_by FROM documents ORDER BY created_at DESC, rowid DESC")
      .all() as Array<{ id: string; name: string; created_at: string; created_by: string }>;
    return docs.map((d) => {
      const versions = this.listVersions(d.id);
      return {
        id: d.id,
        name: d.name,
        createdAt: d.created_at,
        createdBy: d.created_by,
        latest: versions[0]!,
        versionCount: versions.length,
      };
    });
  }

  countDocuments(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM documents").get() as { n: number }).n;
  }

  versionPath(docId: string, n: number): string {
    return join(this.filesDir, docId, String(n));
  }

  /** The version's bytes as a stream, with its size for Content-Length. */
  openVersion(version: VersionRecord): { stream: Readable; size: number } {
    const path = this.versionPath(version.docId, version.n);
    return { stream: createReadStream(path), size: statSync(path).size };
  }
}
