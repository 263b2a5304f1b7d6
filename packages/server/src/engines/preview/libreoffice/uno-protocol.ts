// The JSON-lines protocol spoken with uno-worker.py, and how its answers become catalogue errors.
import { DocgateError, type ErrorCode } from "@docgate/core";
import type { DocumentKind } from "./formats.js";

export interface UnoRequest {
  id: number;
  input: string;
  output: string;
  kind: DocumentKind;
  /** Lower-case extension; lets the worker tell a broken office file from plain text. */
  format: string;
}

export type UnoErrorCode = "corrupt" | "password" | "unsupported" | "disguised" | "failed";

export interface UnoReply {
  id: number;
  ok: boolean;
  pages?: number;
  error?: string;
  errorCode?: UnoErrorCode;
  /** The office process died; the worker exits after this reply. */
  fatal?: boolean;
}

export interface UnoReady {
  ready: boolean;
  error?: string;
}

const CODES: Record<UnoErrorCode, ErrorCode> = {
  corrupt: "DOCGATE_FILE_CORRUPT",
  password: "DOCGATE_FILE_PASSWORD_PROTECTED",
  unsupported: "DOCGATE_FORMAT_UNSUPPORTED",
  disguised: "DOCGATE_FORMAT_DISGUISED",
  failed: "DOCGATE_CONVERSION_FAILED",
};

export function replyError(reply: UnoReply): DocgateError {
  const code = reply.errorCode && Object.hasOwn(CODES, reply.errorCode) ? CODES[reply.errorCode] : undefined;
  // LibreOffice's own messages can carry local paths: keep them out of the user-facing detail
  // and hand them to the log through `cause`.
  return new DocgateError(code ?? "DOCGATE_CONVERSION_FAILED", { cause: new Error(reply.error ?? "no detail") });
}

/** Parses one stdout line; anything that is not a protocol object is ignored as noise. */
export function parseLine(line: string): (UnoReply & UnoReady) | undefined {
  const text = line.trim();
  if (!text.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as UnoReply & UnoReady) : undefined;
  } catch {
    return undefined;
  }
}
