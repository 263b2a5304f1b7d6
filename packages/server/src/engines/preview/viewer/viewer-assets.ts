// The viewer's scripts, styles and the pdf.js build, served from an explicit table of files (never a
// directory handler, so nothing else on disk is reachable). URLs carry a content version, so
// responses are cached for a year and a new release simply changes the URL.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { DocgateError } from "@docgate/core";
import type { FastifyInstance } from "fastify";

export const VIEWER_ASSET_PREFIX = "/viewer-assets";

/** Our own browser files (plain JS and CSS, served as written). */
export const CLIENT_FILES = [
  "viewer.js",
  "watermark.js",
  "protect.js",
  "pdf-viewer.js",
  "pdf-search.js",
  "image-viewer.js",
  "text-viewer.js",
  "viewer.css",
] as const;

const CLIENT_DIR = fileURLToPath(new URL("./client/", import.meta.url));
const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
};

interface Asset {
  path: string;
  type: string;
  /** Small text files are compressed once and kept; the rest are read per request. */
  compressible: boolean;
}

function pdfjsDirectory(sub: string, keep: (name: string) => boolean): Array<[string, Asset]> {
  return readdirSync(join(PDFJS_DIR, sub))
    .filter(keep)
    .map((name) => [`pdfjs/${sub}/${name}`, asset(join(PDFJS_DIR, sub, name))]);
}

function asset(path: string): Asset {
  const type = TYPES[extname(path)] ?? "application/octet-stream";
  return { path, type, compressible: type.startsWith("text/") };
}

function buildTable(): Map<string, Asset> {
  return new Map<string, Asset>([
    ...CLIENT_FILES.map((name): [string, Asset] => [name, asset(join(CLIENT_DIR, name))]),
    // pdf.js: the library and its worker, plus the data files it fetches by name: CMaps for CJK
    // text in PDFs without embedded fonts, the standard 14 fonts, ICC profiles and the wasm image
    // decoders. The scripting engine (quickjs) is left out: the viewer never runs PDF JavaScript.
    ["pdf.min.mjs", asset(join(PDFJS_DIR, "build/pdf.min.mjs"))],
    ["pdf.worker.min.mjs", asset(join(PDFJS_DIR, "build/pdf.worker.min.mjs"))],
    // The same release built for older browsers (older iOS Safari and Android WebViews).
    ["pdfjs-legacy/pdf.min.mjs", asset(join(PDFJS_DIR, "legacy/build/pdf.min.mjs"))],
    ["pdfjs-legacy/pdf.worker.min.mjs", asset(join(PDFJS_DIR, "legacy/build/pdf.worker.min.mjs"))],
    ...pdfjsDirectory("cmaps", (n) => n.endsWith(".bcmap")),
    ...pdfjsDirectory("standard_fonts", (n) => /\.(pfb|ttf)$/.test(n)),
    ...pdfjsDirectory("iccs", (n) => n.endsWith(".icc")),
    ...pdfjsDirectory("wasm", (n) => /\.(wasm|js)$/.test(n) && !n.startsWith("quickjs")),
  ]);
}

let table: Map<string, Asset> | undefined;
let version: string | undefined;

function assets(): Map<string, Asset> {
  table ??= buildTable();
  return table;
}

/** A short hash of our client files and the pdf.js version: changes whenever any served byte can. */
export function viewerAssetVersion(): string {
  if (version === undefined) {
    const hash = createHash("sha256");
    hash.update(JSON.parse(readFileSync(join(PDFJS_DIR, "package.json"), "utf8")).version as string);
    for (const name of CLIENT_FILES) hash.update(name).update(readFileSync(join(CLIENT_DIR, name)));
    version = hash.digest("hex").slice(0, 12);
  }
  return version;
}

/** The URL prefix pages pass to renderViewerPage as assetBase. */
export function viewerAssetBase(): string {
  return `${VIEWER_ASSET_PREFIX}/${viewerAssetVersion()}`;
}

const memory = new Map<string, { raw: Buffer; gzip: Buffer }>();

async function load(name: string, entry: Asset): Promise<{ raw: Buffer; gzip: Buffer | null }> {
  if (!entry.compressible) return { raw: await readFile(entry.path), gzip: null };
  let cached = memory.get(name);
  if (!cached) {
    const raw = await readFile(entry.path);
    cached = { raw, gzip: gzipSync(raw, { level: 9 }) };
    memory.set(name, cached);
  }
  return cached;
}

/** GET /viewer-assets/:version/<file>: only names in the table, only the current version. */
export function registerViewerAssets(app: FastifyInstance): void {
  const current = viewerAssetVersion();
  const files = assets();
  app.get<{ Params: { version: string; "*": string } }>(`${VIEWER_ASSET_PREFIX}/:version/*`, async (request, reply) => {
    const entry = files.get(request.params["*"]);
    if (request.params.version !== current || !entry) throw new DocgateError("DOCGATE_NOT_FOUND");
    const body = await load(request.params["*"], entry);
    const gzip = body.gzip && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    reply
      .header("content-type", entry.type)
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "public, max-age=31536000, immutable")
      .header("cross-origin-resource-policy", "same-origin")
      .header("vary", "accept-encoding");
    if (gzip && body.gzip) reply.header("content-encoding", "gzip");
    return reply.send(gzip && body.gzip ? body.gzip : body.raw);
  });
}
