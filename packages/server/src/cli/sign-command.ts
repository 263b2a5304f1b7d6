import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { signEntryUrl } from "@docgate/sdk";
import { loadConfigFile } from "./load-config-file.js";

const HELP = `docgate sign: print a signed entry URL (for trials and for checking your own signer)

  --repo <id>            repoId (required)
  --doc-id <id>          docId (required)
  --userinfo <json|@f>   userinfo JSON, or @file (required)
  --meta <json|@f>       meta JSON, or @file (required)
  --download-url <url>   (required)
  --upload-url <url>     (required for --action edit)
  --action view|edit     default view
  --params <k=v;k=v>     handed back on every call to the business system
  --secret <s>           the repo's secret; or env DOCGATE_SECRET; or taken from --config
  --base-url <url>       docgate's public URL; or taken from --config (server.publicUrl)
  --config <file>        docgate configuration to read the secret and base URL from
  --ts <ms>              default: now
`;

function jsonArg(value: string | undefined, name: string): Record<string, unknown> {
  if (!value) throw new Error(`--${name} is required`);
  const text = value.startsWith("@") ? readFileSync(value.slice(1), "utf8") : value;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`--${name} is not valid JSON: ${(err as Error).message}`);
  }
}

export async function runSign(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      repo: { type: "string" },
      "doc-id": { type: "string" },
      userinfo: { type: "string" },
      meta: { type: "string" },
      "download-url": { type: "string" },
      "upload-url": { type: "string" },
      action: { type: "string", default: "view" },
      params: { type: "string" },
      secret: { type: "string" },
      "base-url": { type: "string" },
      config: { type: "string" },
      ts: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!values.repo || !values["doc-id"] || !values["download-url"]) {
    process.stderr.write(`--repo, --doc-id and --download-url are required\n\n${HELP}`);
    return 2;
  }
  if (values.action !== "view" && values.action !== "edit") throw new Error("--action must be view or edit");
  const config = values.config ? loadConfigFile(values.config, { dev: true }).config : undefined;
  const secret =
    values.secret ?? process.env.DOCGATE_SECRET ?? config?.repos.find((r) => r.id === values.repo)?.secrets[0];
  const baseUrl = values["base-url"] ?? config?.server.publicUrl;
  if (!secret) throw new Error("no secret: pass --secret, set DOCGATE_SECRET, or --config with this repo");
  if (!baseUrl) throw new Error("no base URL: pass --base-url or --config");
  const url = signEntryUrl({
    baseUrl,
    repoId: values.repo,
    secret,
    docId: values["doc-id"],
    action: values.action,
    userinfo: jsonArg(values.userinfo, "userinfo"),
    meta: jsonArg(values.meta, "meta"),
    downloadUrl: values["download-url"],
    uploadUrl: values["upload-url"],
    params: values.params,
    ts: values.ts ? Number(values.ts) : undefined,
  });
  process.stdout.write(`${url}\n`);
  return 0;
}
