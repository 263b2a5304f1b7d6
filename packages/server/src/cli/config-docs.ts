import { configSchema } from "@docgate/core";
import { z } from "zod";

// docs/configuration.md is generated from the one schema (ARCHITECTURE.md practice 6), so the
// reference can never drift from what `docgate serve` accepts.

interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  enum?: unknown[];
  required?: string[];
  minimum?: number;
  maximum?: number;
}

function typeOf(node: JsonSchemaNode): string {
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  if (node.type === "array" && node.items) return `${typeOf(node.items)}[]`;
  return Array.isArray(node.type) ? node.type.join(" \\| ") : (node.type ?? "object");
}

function rows(node: JsonSchemaNode, prefix: string, out: string[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child.type === "object" && child.properties) {
      rows(child, path, out);
      continue;
    }
    const required = node.required?.includes(key) && child.default === undefined;
    const def = child.default === undefined ? (required ? "**required**" : "") : `\`${JSON.stringify(child.default)}\``;
    const desc = (child.description ?? "").replace(/\|/g, "\\|");
    out.push(`| \`${path}\` | ${typeOf(child)} | ${def} | ${desc} |`);
    if (child.type === "array" && child.items?.properties) rows(child.items, `${path}[]`, out);
  }
}

export function renderConfigDocs(): string {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode;
  const out: string[] = [];
  rows(schema, "", out);
  return `# Configuration reference

<!-- Generated from packages/core/src/config/schema.ts by \`npm run docs\`. Do not edit by hand. -->

docgate reads one JSON file: \`docgate serve --config docgate.json\` (or the \`DOCGATE_CONFIG\` environment
variable). Every field has a default except the repos you register. The file is validated at start-up and
every problem is reported at once; the process refuses to start until they are fixed. Secrets shorter than
16 characters, or well-known demo values, are refused unless \`server.devMode\` is true (or \`--dev\` is given).

Minimal example:

\`\`\`json
{ "server": { "port": 8001, "publicUrl": "http://127.0.0.1:8001", "internalUrl": "http://127.0.0.1:8001", "dataDir": "./data" },
  "state": { "url": "sqlite:./data/docgate.db" },
  "repos": [ { "id": "crm", "secrets": ["a-long-random-secret"], "context": "http://127.0.0.1:9000",
               "headerPrefix": "x-", "tsWindowMs": 10000, "frameAncestors": ["http://localhost:9000"] } ] }
\`\`\`

| field | type | default | meaning |
|---|---|---|---|
${out.join("\n")}
`;
}
