// The upload body (spec: entry 3, upload): multipart/form-data with one part named `file`, filename
// `content` and the file's MIME type. Built as a stream (preamble, the file's own chunks, epilogue)
// so a save of any size costs a few buffers of memory, and sized exactly when the file size is known.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { DocgateError } from "@docgate/core";

export interface MultipartBody {
  contentType: string;
  /** Present when the file size is known; the request is sent chunked otherwise. */
  contentLength?: number;
  body: Readable;
}

// type/subtype with optional parameters; nothing that could end the header line or the quoted value.
const MIME =
  /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"\r\n\\]*"|[A-Za-z0-9!#$&^_.+-]+))*$/;

function failure(detail: string, cause?: unknown): DocgateError {
  return new DocgateError("DOCGATE_INTERNAL", { detail, cause });
}

export function createMultipartBody(file: Readable, mimeType: string, fileSize?: number): MultipartBody {
  if (!MIME.test(mimeType)) throw failure(`${JSON.stringify(mimeType.slice(0, 80))} is not a valid MIME type.`);
  if (fileSize !== undefined && !(Number.isSafeInteger(fileSize) && fileSize >= 0)) {
    throw failure(`fileSize ${fileSize} is not a byte count.`);
  }
  // A random boundary cannot occur in the file by accident or by design of whoever wrote the file.
  const boundary = `docgate-${randomBytes(18).toString("hex")}`;
  const preamble = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="file"; filename="content"\r\n` +
      `Content-Type: ${mimeType}\r\n\r\n`,
    "latin1",
  );
  const epilogue = Buffer.from(`\r\n--${boundary}--\r\n`, "latin1");

  async function* parts(): AsyncGenerator<Buffer> {
    yield preamble;
    let sent = 0;
    try {
      for await (const chunk of file) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        sent += buf.length;
        // Catch a wrong size here, with a clear message, rather than as a framing error upstream.
        if (fileSize !== undefined && sent > fileSize)
          throw failure(`The file is longer than the ${fileSize} bytes announced.`);
        yield buf;
      }
    } catch (err) {
      file.destroy();
      throw err instanceof DocgateError ? err : failure("Reading the file to upload failed.", err);
    }
    if (fileSize !== undefined && sent !== fileSize) {
      throw failure(`The file has ${sent} bytes, not the ${fileSize} announced.`);
    }
    yield epilogue;
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: fileSize === undefined ? undefined : preamble.length + fileSize + epilogue.length,
    body: Readable.from(parts(), { objectMode: false }),
  };
}
