// A spool file that can be read while it is being written (issue 3: a save is uploaded to the
// business system while it is still arriving from Document Server, instead of after).
//
// SpoolFileWriter writes chunks to the file with positional writes and says how far it got; it also
// flushes to disk every FLUSH_EVERY_BYTES while the download goes on, so the fsync that must happen
// before docgate acknowledges DS (spec: onlyoffice 4) only has the tail left to write.
// FileFollower reads the same file behind the writer, from the page cache, and ends only when told
// the file is complete *and committed*: the reader's end is the end of the upload's body, and the
// business system must never receive a complete file that docgate has not durably stored first.
import { EventEmitter } from "node:events";
import { type FileHandle, open } from "node:fs/promises";
import { Readable, Writable } from "node:stream";

/** Flush to disk after this much new data: spreads the fsync over the transfer (see above). */
export const FLUSH_EVERY_BYTES = 32 * 1024 * 1024;
const READ_CHUNK = 256 * 1024;

export class SpoolFileWriter extends Writable {
  readonly #handle: FileHandle;
  readonly #progress = new EventEmitter();
  #written = 0;
  #unflushed = 0;
  #flushing: Promise<void> | undefined;
  #flushFailure: Error | undefined;
  #failure: Error | undefined;

  private constructor(handle: FileHandle) {
    super({ highWaterMark: 1024 * 1024 });
    this.#handle = handle;
  }

  /** Creates the file (it must not exist). */
  static async create(path: string): Promise<SpoolFileWriter> {
    return new SpoolFileWriter(await open(path, "wx"));
  }

  /** Bytes the file holds so far (readable by another descriptor). */
  get written(): number {
    return this.#written;
  }

  /** Calls `listener` after every write and once more when the writer finishes or fails. */
  onProgress(listener: () => void): () => void {
    this.#progress.on("progress", listener);
    return () => this.#progress.off("progress", listener);
  }

  get failure(): Error | undefined {
    return this.#failure;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#append([chunk], callback);
  }

  /** Chunks that queued up while a write was under way go out in one writev: fewer trips to the disk. */
  override _writev(
    chunks: Array<{ chunk: Buffer; encoding: BufferEncoding }>,
    callback: (error?: Error | null) => void,
  ): void {
    this.#append(
      chunks.map((c) => c.chunk),
      callback,
    );
  }

  #append(buffers: Buffer[], callback: (error?: Error | null) => void): void {
    const length = buffers.reduce((n, b) => n + b.length, 0);
    if (this.#flushFailure) {
      callback(this.#flushFailure);
      return;
    }
    this.#handle.writev(buffers, this.#written).then(
      ({ bytesWritten }) => {
        // A regular file takes the whole write or fails; anything short is a full disk or worse.
        if (bytesWritten !== length) return callback(new Error(`short write: ${bytesWritten} of ${length} bytes`));
        this.#written += length;
        this.#unflushed += length;
        if (this.#unflushed >= FLUSH_EVERY_BYTES) this.#flush();
        this.#progress.emit("progress");
        callback();
      },
      (error: Error) => callback(error),
    );
  }

  /** At most one flush at a time; writes go on meanwhile (the data is already in the page cache). */
  #flush(): void {
    if (this.#flushing) return;
    this.#unflushed = 0;
    this.#flushing = this.#handle.datasync().then(
      () => {
        this.#flushing = undefined;
      },
      (error: Error) => {
        // Reported by the next write or by _final, never left as an unhandled rejection.
        this.#flushFailure = error;
        this.#flushing = undefined;
      },
    );
  }

  /** After the last chunk: the whole file is on disk (fsync) and closed before "finish". */
  override _final(callback: (error?: Error | null) => void): void {
    (async () => {
      await this.#flushing;
      if (this.#flushFailure) throw this.#flushFailure;
      await this.#handle.sync();
      await this.#handle.close();
    })().then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (error) this.#failure = error;
    this.#progress.emit("progress");
    this.#handle.close().then(
      () => callback(error),
      () => callback(error),
    );
  }
}

/**
 * Reads a SpoolFileWriter's file as it grows. It ends once `complete(size)` was called and `size`
 * bytes were read, and fails as soon as `fail(error)` is called or the writer fails.
 */
export class FileFollower extends Readable {
  readonly #writer: SpoolFileWriter;
  #handle: FileHandle | undefined;
  #position = 0;
  #finalSize: number | undefined;
  #reading = false;
  #wanted = false;
  readonly #unsubscribe: () => void;

  private constructor(handle: FileHandle, writer: SpoolFileWriter) {
    super({ highWaterMark: READ_CHUNK });
    this.#handle = handle;
    this.#writer = writer;
    this.#unsubscribe = writer.onProgress(() => this.#pump());
  }

  /**
   * Opens `path` now, before the writer can finish and the spool renames the file: the descriptor keeps
   * reading the same file whatever its name becomes.
   */
  static async open(path: string, writer: SpoolFileWriter): Promise<FileFollower> {
    return new FileFollower(await open(path, "r"), writer);
  }

  /** The file is complete and committed: deliver the rest, then end. */
  complete(size: number): void {
    this.#finalSize = size;
    this.#pump();
  }

  fail(error: Error): void {
    this.destroy(error);
  }

  override _read(): void {
    this.#wanted = true;
    this.#pump();
  }

  #pump(): void {
    if (this.#reading || !this.#wanted || this.destroyed) return;
    if (this.#writer.failure) return void this.destroy(this.#writer.failure);
    const limit = this.#finalSize ?? this.#writer.written;
    if (this.#position >= limit) {
      if (this.#finalSize !== undefined) this.push(null);
      return; // caught up with the writer: the next progress event resumes
    }
    this.#reading = true;
    this.#readAt(Math.min(READ_CHUNK, limit - this.#position)).then(
      (chunk) => {
        this.#reading = false;
        if (this.destroyed) return;
        this.#position += chunk.length;
        this.#wanted = this.push(chunk);
        this.#pump();
      },
      (error: Error) => this.destroy(error),
    );
  }

  async #readAt(length: number): Promise<Buffer> {
    if (!this.#handle) throw new Error("the spool file is closed");
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await this.#handle.read(buffer, 0, length, this.#position);
    if (bytesRead === 0) throw new Error("the spool file is shorter than the bytes written to it");
    return bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#unsubscribe();
    const handle = this.#handle;
    this.#handle = undefined;
    if (!handle) {
      callback(error);
      return;
    }
    handle.close().then(
      () => callback(error),
      () => callback(error),
    );
  }
}
