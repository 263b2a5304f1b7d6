// Sends callbacks and applies DS's answer rules (spec: onlyoffice 4):
// - acknowledged only by HTTP 200 with a JSON body whose `error` is the number 0;
// - status 2 is retried on a network error, 429 or 5xx (base, 2x base, 4x base); HTTP 200 with
//   error != 0 and other 4xx are final; status 1, 4 and 6 are sent once.
import { buildCallbackRequest, type CallbackFields } from "./callback-request.js";

export interface CallbackAttempt {
  at: string;
  httpStatus?: number;
  responseBody?: string;
  error?: string;
}

export interface CallbackRecord {
  seq: number;
  key: string;
  status: number;
  callbackUrl: string;
  fields: CallbackFields;
  body: Record<string, unknown>;
  headerName: string;
  headerToken: string;
  trimmed: boolean;
  attempts: CallbackAttempt[];
  /** acknowledged: {"error":0}; rejected: a final refusal; failed: retries exhausted or not retried. */
  outcome: "pending" | "acknowledged" | "rejected" | "failed";
}

export interface SenderSettings {
  secret: string;
  header: string;
  tokenTtlSec: number;
  headerTokenLimit: number;
  retryBaseMs: number;
  retries: number;
  timeoutMs: number;
}

type Verdict = "ack" | "final" | "retryable";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function judge(httpStatus: number, text: string): Verdict {
  if (httpStatus === 429 || httpStatus >= 500) return "retryable";
  if (httpStatus !== 200) return "final";
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    return parsed !== null && typeof parsed === "object" && parsed.error === 0 ? "ack" : "final";
  } catch {
    return "final";
  }
}

export class CallbackSender {
  readonly log: CallbackRecord[] = [];
  private readonly listeners = new Set<(r: CallbackRecord) => void>();

  constructor(private readonly s: SenderSettings) {}

  onSettled(listener: (r: CallbackRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `settle` runs once the outcome is final, before anyone waiting for the callback hears of it. */
  async send(
    callbackUrl: string,
    fields: CallbackFields,
    settle?: (r: CallbackRecord) => void,
  ): Promise<CallbackRecord> {
    const req = await buildCallbackRequest(fields, this.s.secret, this.s.tokenTtlSec, this.s.headerTokenLimit);
    const record: CallbackRecord = {
      seq: this.log.length + 1,
      key: fields.key,
      status: fields.status,
      callbackUrl,
      fields,
      body: req.body,
      headerName: this.s.header,
      headerToken: req.headerToken,
      trimmed: req.trimmed,
      attempts: [],
      outcome: "pending",
    };
    this.log.push(record);
    const maxAttempts = fields.status === 2 ? 1 + this.s.retries : 1;
    for (let i = 0; i < maxAttempts; i++) {
      if (i > 0) await sleep(this.s.retryBaseMs * 2 ** (i - 1));
      const verdict = await this.attempt(record, callbackUrl);
      if (verdict === "ack") record.outcome = "acknowledged";
      else if (verdict === "final") record.outcome = "rejected";
      if (verdict !== "retryable") break;
    }
    if (record.outcome === "pending") record.outcome = "failed";
    settle?.(record);
    for (const l of this.listeners) l(record);
    return record;
  }

  private async attempt(record: CallbackRecord, callbackUrl: string): Promise<Verdict> {
    const attempt: CallbackAttempt = { at: new Date().toISOString() };
    record.attempts.push(attempt);
    try {
      const res = await fetch(callbackUrl, {
        method: "POST",
        headers: { "content-type": "application/json", [this.s.header]: `Bearer ${record.headerToken}` },
        body: JSON.stringify(record.body),
        redirect: "manual",
        signal: AbortSignal.timeout(this.s.timeoutMs),
      });
      const text = await res.text();
      attempt.httpStatus = res.status;
      attempt.responseBody = text.slice(0, 2000);
      return judge(res.status, text);
    } catch (err) {
      attempt.error = err instanceof Error ? `${err.message}${err.cause ? `: ${String(err.cause)}` : ""}` : String(err);
      return "retryable";
    }
  }
}
