// Streams a business-system download into a file (spec: entry 3, download): never buffered whole in
// memory; the client's size cap (fetch.maxDownloadBytes) fails the stream with DOCGATE_FILE_TOO_LARGE
// and the caller removes the partial file.
import { createWriteStream } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { BusinessClient, DownloadRequest } from "../../adapters/source/index.js";

/**
 * `beforeWrite(bytes)` runs for every chunk before it is written, e.g. to count it against the
 * cache's size cap; throwing from it fails the download.
 */
export async function downloadTo(
  client: BusinessClient,
  request: DownloadRequest,
  path: string,
  beforeWrite: (bytes: number) => void = () => {},
): Promise<number> {
  const result = await client.download(request);
  const file = createWriteStream(path, { flags: "wx" });
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        beforeWrite(chunk.length);
        done(null, chunk);
      } catch (err) {
        done(err as Error);
      }
    },
  });
  await pipeline(result.body, count, file);
  return file.bytesWritten;
}
