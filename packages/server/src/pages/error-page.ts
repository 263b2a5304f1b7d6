import { ERROR_CATALOGUE, type ErrorCode } from "@docgate/core";
import { html } from "./html.js";
import { layout } from "./layout.js";

export interface ErrorPageInput {
  code: ErrorCode;
  status: number;
  /** Specific explanation (English); user-supplied parts are escaped by the template. */
  detail?: string;
  facts: Record<string, string | number>;
  requestId: string;
  nonce: string;
}

const FACT_LABELS: Record<string, { zh: string; en: string }> = {
  serverTime: { zh: "服务器时间", en: "Server time" },
  ts: { zh: "链接中的 ts", en: "ts in the link" },
  ageMs: { zh: "链接已生成（毫秒）", en: "Link age (ms)" },
  windowMs: { zh: "有效期（毫秒）", en: "Validity window (ms)" },
  field: { zh: "字段", en: "Field" },
};

/** The bilingual error page (zh-CN first, then en): code, explanation, what to check, request id. */
export function renderErrorPage(input: ErrorPageInput): string {
  const entry = ERROR_CATALOGUE[input.code];
  const facts = Object.entries(input.facts);
  const body = html`<main>
<div class="card" role="alert">
  <h1 class="bad">${entry.zh}</h1>
  <p>${entry.hintZh}</p>
  <h1 class="bad" lang="en">${entry.en}</h1>
  <p lang="en">${entry.hintEn}</p>
  ${input.detail ? html`<p class="muted" lang="en" data-testid="detail">${input.detail}</p>` : ""}
  <dl>
    <dt>错误码 / Code</dt><dd><span class="code" data-testid="error-code">${input.code}</span></dd>
    <dt>HTTP</dt><dd>${input.status}</dd>
    ${facts.map(
      ([k, v]) =>
        html`<dt>${FACT_LABELS[k] ? `${FACT_LABELS[k].zh} / ${FACT_LABELS[k].en}` : k}</dt><dd data-fact="${k}">${v}</dd>`,
    )}
    <dt>请求 ID / Request id</dt><dd><span class="code">${input.requestId}</span></dd>
  </dl>
</div>
</main>`;
  return layout({ lang: "zh-CN", title: `${entry.zh} · ${entry.en}`, nonce: input.nonce, body });
}
