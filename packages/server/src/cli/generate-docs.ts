import { readFileSync, writeFileSync } from "node:fs";
import { renderConfigDocs } from "./config-docs.js";
import { renderErrorDocs } from "./error-docs.js";

// `npm run docs`: regenerates the reference docs that are derived from code.
const docs = new URL("../../../../docs/", import.meta.url);
writeFileSync(new URL("configuration.md", docs), renderConfigDocs());
const troubleshooting = readFileSync(new URL("troubleshooting.md", docs), "utf8");
writeFileSync(new URL("errors.md", docs), renderErrorDocs(troubleshooting));
process.stdout.write("wrote docs/configuration.md and docs/errors.md\n");
