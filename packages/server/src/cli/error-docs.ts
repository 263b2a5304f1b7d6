import { ERROR_CATALOGUE } from "@docgate/core";

// docs/errors.md is generated from the catalogue; its troubleshooting part is written by hand in
// docs/troubleshooting.md and included verbatim, so the table can never drift from the code.
export function renderErrorDocs(troubleshooting: string): string {
  const rows = Object.entries(ERROR_CATALOGUE).map(
    ([code, e]) =>
      `| \`${code}\` | ${e.status} | ${e.retryable ? "yes" : "no"} | ${e.en}<br>${e.zh} | ${e.hintEn}<br>${e.hintZh} |`,
  );
  return `# Error codes / 错误码

<!-- Generated from packages/core/src/errors/catalogue.ts and docs/troubleshooting.md by \`npm run docs\`. Do not edit by hand. -->

Every rejection docgate makes carries one of these stable codes. Browsers get a bilingual page showing
the code, the explanation, what to check and a request id; clients that send \`Accept: application/json\`
(or no \`text/html\`) get \`{"error": {"code", "message", "requestId", "facts"?}}\` with the HTTP status below.
"Retryable" means trying the same request again later may succeed.

docgate 的每个拒绝都带有下列稳定的错误码。浏览器会看到中英双语页面（错误码、说明、排查建议和请求 ID）；
发送 \`Accept: application/json\` 的客户端得到 JSON：\`{"error": {"code", "message", "requestId", "facts"?}}\`。

| code | HTTP | retryable | meaning | what to check |
|---|---|---|---|---|
${rows.join("\n")}

${troubleshooting.trim()}
`;
}
