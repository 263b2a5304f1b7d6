// Cached re-open over HTTP through a real docgate process: for each document, a first open
// (download + conversion), then a second open of the same content through a new entry URL, timed to
// the first byte of the rendition. The business system runs in this process on loopback.

import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sampleMeta, signTestUrl } from "../test/support/entry-fixtures.js";
import { startDocgate } from "../test/support/processes.js";
import type { BenchDoc } from "./preview-docs.js";

const SECRET = "bench-secret-0123456789abcdef";

export interface ReopenFigures {
  /** First open: rendition request to its first byte (download + conversion included). */
  firstOpenMs: number[];
  /** Second open of the same content: rendition request to its first byte. */
  reopenTtfbMs: number[];
  /** Second open: entry URL to the rendition's first byte (entry redirect + rendition). */
  reopenEntryToFirstByteMs: number[];
}

async function firstByte(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok || !res.body) throw new Error(`rendition answered ${res.status}: ${await res.text()}`);
  const reader = res.body.getReader();
  await reader.read();
  const elapsed = performance.now() - started;
  await reader.cancel();
  return elapsed;
}

async function enter(baseUrl: string, context: string, doc: BenchDoc): Promise<{ rendition: string; cookie: string }> {
  const docId = doc.name;
  const url = signTestUrl({
    baseUrl,
    context,
    docId,
    secret: SECRET,
    repoId: "bench",
    meta: sampleMeta(docId, { name: doc.name }),
  });
  const res = await fetch(url, { redirect: "manual", headers: { accept: "text/html" } });
  if (res.status !== 303) throw new Error(`entry answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { rendition: `${res.headers.get("location")}/rendition`, cookie };
}

export async function cachedReopen(docs: BenchDoc[]): Promise<ReopenFigures> {
  const files = new Map(docs.map((d) => [d.name, readFileSync(d.path)]));
  const business = createServer((req, res) => {
    const docId = decodeURIComponent(/^\/files\/([^/?]+)\//.exec(req.url ?? "")?.[1] ?? "");
    const body = files.get(docId);
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { "content-length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => business.listen(0, "127.0.0.1", resolve));
  const context = `http://127.0.0.1:${(business.address() as AddressInfo).port}`;
  const docgate = await startDocgate({
    repos: [{ id: "bench", secrets: [SECRET], context }],
    preview: { workers: 1 },
  });
  try {
    const figures: ReopenFigures = { firstOpenMs: [], reopenTtfbMs: [], reopenEntryToFirstByteMs: [] };
    for (const doc of docs) {
      const first = await enter(docgate.url, context, doc);
      figures.firstOpenMs.push(await firstByte(first.rendition, first.cookie));
      const started = performance.now();
      const again = await enter(docgate.url, context, doc);
      figures.reopenTtfbMs.push(await firstByte(again.rendition, again.cookie));
      figures.reopenEntryToFirstByteMs.push(performance.now() - started);
    }
    return figures;
  } finally {
    await docgate.stop();
    business.close();
  }
}
