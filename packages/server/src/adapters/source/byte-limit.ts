// The download size cap as a stream stage (ARCHITECTURE.md practice 8; config: fetch.maxDownloadBytes):
// bytes pass straight through, and the stream fails with DOCGATE_FILE_TOO_LARGE the moment the cap is
// crossed, so an upstream without (or lying about) Content-Length cannot fill memory or disk.
import { Transform, type TransformCallback } from "node:stream";
import { DocgateError } from "@docgate/core";

/** Bytes a pass-through stage may hold per side (four of undici's 64 KiB chunks). */
export const STAGE_BUFFER_BYTES = 256 * 1024;

/** `declared` is the upstream's Content-Length when that alone shows the file is too large. */
export function tooLarge(maxBytes: number, declared?: number): DocgateError {
  const detail =
    declared === undefined
      ? `The business system sent more than the limit of ${maxBytes} bytes.`
      : `The business system announced ${declared} bytes; the limit is ${maxBytes}.`;
  return new DocgateError("DOCGATE_FILE_TOO_LARGE", { detail, facts: { maxBytes } });
}

/**
 * `mapError` turns whatever destroyed the pipeline (socket reset, idle timeout, abort) into the
 * error the consumer sees, so readers of the body only ever get classified errors.
 */
export class ByteLimit extends Transform {
  #seen = 0;
  readonly #max: number;
  readonly #mapError: (err: Error) => Error;

  constructor(maxBytes: number, mapError: (err: Error) => Error = (e) => e) {
    // Room for a few of undici's 64 KiB chunks on each side: the default 16 KiB made every chunk a
    // backpressure stop on the way through (bench/delivery.ts).
    super({ highWaterMark: STAGE_BUFFER_BYTES });
    this.#max = maxBytes;
    this.#mapError = mapError;
  }

  get bytesSeen(): number {
    return this.#seen;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#seen += chunk.length;
    if (this.#seen > this.#max) callback(tooLarge(this.#max));
    else callback(null, chunk);
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    callback(err ? this.#mapError(err) : null);
  }
}
