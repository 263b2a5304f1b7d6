// The save spool on local disk: <dataDir>/spool. A spooled save is two files named after the job and a
// random nonce (so two intakes of one save never share a path):
//
//   <jobId>~<nonce>.data   the file's bytes            (written as .part, fsync'd, renamed)
//   <jobId>~<nonce>.json   the manifest: the new job   (written as .tmp, fsync'd, renamed)
//
// The manifest's rename, made durable by fsync of the directory, is the commit point: before it the
// save was never acknowledged to DS and the files are garbage; after it the save can be rebuilt from
// disk even if the job row never made it to the database (see recover-spool.ts).
import { randomBytes } from "node:crypto";
import { createReadStream, type ReadStream } from "node:fs";
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { SpoolFileWriter } from "./growing-file.js";

export interface SpoolManifest {
  jobId: string;
  kind: string;
  repoId: string;
  docId: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  createdAt: number;
}

export interface SpoolEntry {
  name: string;
  mtimeMs: number;
}

const NAME = /^(sv_[A-Za-z0-9_-]+)~([a-f0-9]{16})\.(data|json|part|tmp)$/;

export function parseSpoolName(name: string): { base: string; jobId: string; ext: string } | undefined {
  const m = NAME.exec(name);
  return m ? { base: `${m[1]}~${m[2]}`, jobId: m[1]!, ext: m[3]! } : undefined;
}

export class Spool {
  readonly dir: string;
  /** Bases an intake of this process is writing: reconciliation never touches them. */
  readonly #active = new Set<string>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, "spool");
  }

  async ensure(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  /** A fresh base for one intake attempt, marked active until `release(base)`. */
  newBase(jobId: string): string {
    const base = `${jobId}~${randomBytes(8).toString("hex")}`;
    this.#active.add(base);
    return base;
  }

  release(base: string): void {
    this.#active.delete(base);
  }

  isActive(base: string): boolean {
    return this.#active.has(base);
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  /**
   * Streams `source` through `via` (hashing, size cap) into <base>.part, fsyncs it and renames it to
   * <base>.data. Resolves with the data file's name; on failure the .part file is removed.
   * `beforeWriting` gets the writer and the file's path first, e.g. to read the file as it grows.
   */
  async writeData(
    base: string,
    source: Readable,
    via: NodeJS.ReadWriteStream[],
    beforeWriting?: (writer: SpoolFileWriter, path: string) => Promise<void>,
  ): Promise<string> {
    const part = this.path(`${base}.part`);
    let created = false;
    try {
      const writer = await SpoolFileWriter.create(part);
      created = true;
      await beforeWriting?.(writer, part);
      // The writer fsyncs before it finishes (growing-file.ts).
      await pipeline([source, ...via, writer]);
      await rename(part, this.path(`${base}.data`));
    } catch (err) {
      if (created) await rm(part, { force: true });
      source.destroy();
      throw err;
    }
    return `${base}.data`;
  }

  /** Writes the manifest atomically and durably (the commit point), then fsyncs the directory. */
  async commitManifest(base: string, manifest: SpoolManifest): Promise<void> {
    const tmp = this.path(`${base}.tmp`);
    try {
      const handle = await open(tmp, "wx");
      try {
        await handle.writeFile(JSON.stringify(manifest), "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.path(`${base}.json`));
    } finally {
      await rm(tmp, { force: true });
    }
    await this.syncDir();
  }

  async readManifest(base: string): Promise<SpoolManifest> {
    return JSON.parse(await readFile(this.path(`${base}.json`), "utf8")) as SpoolManifest;
  }

  /** Removes both files of a spooled save (data first: a manifest without data is never recovered). */
  async remove(base: string): Promise<void> {
    await rm(this.path(`${base}.data`), { force: true });
    await rm(this.path(`${base}.part`), { force: true });
    await rm(this.path(`${base}.json`), { force: true });
    await rm(this.path(`${base}.tmp`), { force: true });
  }

  openData(dataFile: string): ReadStream {
    return createReadStream(this.path(dataFile));
  }

  /**
   * Opens a spooled file now, with its size from the open file: undefined when it is gone. The stream
   * reads the open file, so a removal after this (the upload finished meanwhile) cannot fail it later,
   * as a lazily opened stream would with nobody listening yet.
   */
  async openDataFile(dataFile: string): Promise<{ stream: ReadStream; size: number } | undefined> {
    let handle: FileHandle;
    try {
      handle = await open(this.path(dataFile), "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      return { stream: handle.createReadStream(), size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async dataSize(dataFile: string): Promise<number | undefined> {
    try {
      return (await stat(this.path(dataFile))).size;
    } catch {
      return undefined;
    }
  }

  async list(): Promise<SpoolEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
    const entries: SpoolEntry[] = [];
    for (const name of names) {
      try {
        entries.push({ name, mtimeMs: (await stat(this.path(name))).mtimeMs });
      } catch {
        // Removed between readdir and stat: nothing to do.
      }
    }
    return entries;
  }

  async syncDir(): Promise<void> {
    const handle = await open(this.dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

/** Base name of a data file (`<base>.data` → `<base>`). */
export function spoolBase(dataFile: string): string {
  return dataFile.replace(/\.data$/, "");
}
