// Streams a business-system download into a file (spec: entry 3, download): never buffered whole in
// memory; the client's size cap (fetch.maxDownloadBytes) fails the stream with DOCGATE_FILE_TOO_LARGE
// and the caller removes the partial file.
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { BusinessClient, DownloadRequest } from "../../adapters/source/index.js";

export async function downloadTo(client: BusinessClient, request: DownloadRequest, path: string): Promise<number> {
  const result = await client.download(request);
  const file = createWriteStream(path, { flags: "wx" });
  await pipeline(result.body, file);
  return file.bytesWritten;
}
