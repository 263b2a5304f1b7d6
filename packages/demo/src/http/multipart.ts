// Receives one `file` part of a multipart/form-data body with busboy, streaming it to disk (never
// buffering the whole file). docgate sends exactly one part named `file` (spec: entry 3); the demo's
// own upload form does the same.
import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { type DocumentStore, FileTooLargeError, type ReceivedFile } from "../store/document-store.js";

export interface ReceivedUpload {
  file: ReceivedFile;
  filename: string;
  mimeType: string;
}

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function receiveUpload(req: IncomingMessage, store: DocumentStore, maxBytes: number): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send file names as raw UTF-8 (busboy assumes latin1 by default).
        defParamCharset: "utf8",
        limits: { files: 1, fields: 32, parts: 40, fieldSize: 64 * 1024 },
      });
    } catch {
      reject(new UploadError(415, "expected a multipart/form-data body"));
      return;
    }
    let settled = false;
    const fail = (err: UploadError) => {
      if (settled) return;
      settled = true;
      // Stop reading: whatever the client still sends is discarded.
      req.unpipe(parser);
      req.resume();
      reject(err);
    };
    let pending: Promise<ReceivedUpload> | undefined;
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || pending) {
        stream.resume();
        return;
      }
      const received: Promise<ReceivedUpload> = store.receive(stream, maxBytes).then(
        (file) => {
          // The request already failed (aborted, malformed tail): the bytes never become a version.
          if (settled) store.discard(file);
          return { file, filename: info.filename ?? "", mimeType: info.mimeType };
        },
        (err: unknown) => {
          const upload =
            err instanceof FileTooLargeError
              ? new UploadError(413, err.message)
              : new UploadError(400, "the upload was interrupted");
          fail(upload);
          throw upload;
        },
      );
      received.catch(() => undefined);
      pending = received;
    });
    parser.on("error", () => fail(new UploadError(400, "the multipart body is malformed")));
    parser.on("close", () => {
      if (settled) return;
      if (!pending) return fail(new UploadError(400, "no part named file"));
      pending.then(
        (upload) => {
          if (settled) return store.discard(upload.file);
          settled = true;
          resolve(upload);
        },
        () => undefined,
      );
    });
    req.on("aborted", () => fail(new UploadError(400, "the client went away")));
    req.pipe(parser);
  });
}
