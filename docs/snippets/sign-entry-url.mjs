// Signs a docgate entry URL (zOffice "active parameter" mode). Node.js 16+, no dependencies.
// (In a Node.js project you can also use docgate's SDK, packages/sdk: signEntryUrl({...}).)
//
//   const url = signEntryUrl("https://docgate.example.com", secret, [
//     ["repoId", "crm"], ["action", "edit"], ["docId", "42"],
//     ["userinfo", JSON.stringify(user)], ["meta", JSON.stringify(meta)], // JSON text: base64'd here
//     ["downloadUrl", fileUrl], ["uploadUrl", fileUrl], ["params", "token=abc"],
//     ["ts", String(Date.now())],
//   ]);
//
// Run as a program (used by docgate's tests): node sign-entry-url.mjs input.tsv
// where input.tsv has one `name<TAB>value` per line: `secret`, `baseUrl`, then the query pairs in order.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { argv } from "node:process";
import { fileURLToPath } from "node:url";

const ENTRY_PATH = "/docs/app/driver-callback";

/** pairs: [name, value] in query order. */
export function signEntryUrl(baseUrl, secret, pairs) {
  const base = baseUrl.replace(/\/+$/, "");
  // URLSearchParams is the form encoder the spec's vectors were computed with.
  const query = new URLSearchParams(
    pairs.map(([name, value]) =>
      // base64, standard alphabet with padding, of the UTF-8 JSON text.
      name === "userinfo" || name === "meta" ? [name, Buffer.from(value, "utf8").toString("base64")] : [name, value],
    ),
  ).toString();
  // The signed message is path + "?" + query: no scheme, host or port.
  const message = `${new URL(base).pathname.replace(/\/+$/, "")}${ENTRY_PATH}?${query}`;
  const hmac = createHmac("sha256", secret).update(message, "utf8").digest("hex");
  return `${base}${ENTRY_PATH}?${query}&HMAC=${hmac}`;
}

if (argv[1] === fileURLToPath(import.meta.url)) {
  const settings = {};
  const pairs = [];
  for (const line of readFileSync(argv[2], "utf8").split("\n")) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const [name, value] = [line.slice(0, tab), line.slice(tab + 1)];
    if (name === "secret" || name === "baseUrl") settings[name] = value;
    else pairs.push([name, value]);
  }
  console.log(signEntryUrl(settings.baseUrl, settings.secret, pairs));
}
