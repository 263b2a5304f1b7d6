// Helpers for the engine tests: fetch a rendition through the app and read what a user would see.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { pdfPages } from "../pdf-text.js";

export async function getRendition(
  app: FastifyInstance,
  session: { path: string; cookie: string },
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({ url: `${session.path}/rendition`, headers: { cookie: session.cookie, ...headers } });
}

/** The text of every page of a PDF response body. */
export async function pdfText(body: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "docgate-pdf-"));
  try {
    const path = join(dir, "r.pdf");
    writeFileSync(path, body);
    return (await pdfPages(path)).join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
