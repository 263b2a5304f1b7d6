import { readFileSync } from "node:fs";
import { ERROR_CATALOGUE } from "@docgate/core";
import { describe, expect, it } from "vitest";
import { renderConfigDocs } from "../../src/cli/config-docs.js";
import { renderErrorDocs } from "../../src/cli/error-docs.js";

const docs = new URL("../../../../docs/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, docs), "utf8");

// fastify-style: the catalogue and the configuration schema are the source; the docs must match them.
describe("generated reference docs are current (run `npm run docs` after changing the schema or catalogue)", () => {
  it("docs/configuration.md matches the configuration schema", () => {
    expect(read("configuration.md")).toBe(renderConfigDocs());
  });

  it("docs/errors.md documents every error code, as generated from the catalogue", () => {
    const errors = read("errors.md");
    expect(errors).toBe(renderErrorDocs(read("troubleshooting.md")));
    for (const code of Object.keys(ERROR_CATALOGUE)) expect(errors).toContain(`\`${code}\``);
  });

  it("every catalogue entry has a stable code, an HTTP status and text in both languages", () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^DOCGATE_[A-Z0-9_]+$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.status).toBeLessThan(600);
      for (const text of [entry.en, entry.zh, entry.hintEn, entry.hintZh])
        expect(text.trim().length).toBeGreaterThan(0);
      expect(entry.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
