import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLIENT_FILES,
  registerViewerAssets,
  VIEWER_ASSET_PREFIX,
  viewerAssetBase,
  viewerAssetVersion,
} from "../../src/engines/preview/viewer/viewer-assets.js";
import { installErrorHandling } from "../../src/http/error-handler.js";

const PDFJS = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
let app: FastifyInstance;
const base = viewerAssetBase();

beforeAll(async () => {
  app = Fastify({ logger: false });
  installErrorHandling(app);
  registerViewerAssets(app);
  await app.ready();
});
afterAll(() => app.close());

describe("viewer assets", () => {
  it("serves every client file and the pdf.js build with type, nosniff and a one-year cache", async () => {
    for (const name of [...CLIENT_FILES, "pdf.min.mjs", "pdf.worker.min.mjs", "pdfjs-legacy/pdf.min.mjs"]) {
      const res = await app.inject({ url: `${base}/${name}` });
      expect(res.statusCode, name).toBe(200);
      expect(res.headers["content-type"], name).toBe(
        name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
      );
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    }
  });

  it("sends the exact bytes, gzipped when the browser accepts it", async () => {
    const plain = await app.inject({ url: `${base}/pdf.worker.min.mjs` });
    const expected = readFileSync(join(PDFJS, "build/pdf.worker.min.mjs"));
    expect(plain.rawPayload.equals(expected)).toBe(true);
    const zipped = await app.inject({ url: `${base}/pdf.worker.min.mjs`, headers: { "accept-encoding": "gzip, br" } });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.rawPayload.length).toBeLessThan(expected.length / 2);
    expect(gunzipSync(zipped.rawPayload).equals(expected)).toBe(true);
  });

  it("serves the pdf.js data files by name: CMaps, standard fonts, wasm decoders", async () => {
    for (const name of ["pdfjs/cmaps/UniGB-UCS2-H.bcmap", "pdfjs/standard_fonts/LiberationSans-Regular.ttf"]) {
      const res = await app.inject({ url: `${base}/${name}` });
      expect(res.statusCode, name).toBe(200);
      expect(res.headers["content-type"]).toBe("application/octet-stream");
    }
    const wasm = await app.inject({ url: `${base}/pdfjs/wasm/openjpeg.wasm` });
    expect(wasm.headers["content-type"]).toBe("application/wasm");
  });

  it("answers 404 for anything not in the table: other versions, listings, traversal, the PDF scripting engine", async () => {
    const urls = [
      `${VIEWER_ASSET_PREFIX}/000000000000/viewer.js`,
      `${base}/`,
      `${base}/pdfjs/cmaps/`,
      `${base}/pdfjs/cmaps`,
      `${base}/../package.json`,
      `${base}/..%2f..%2fpackage.json`,
      `${base}/pdfjs/wasm/quickjs-eval.wasm`,
      `${base}/pdfjs/wasm/LICENSE_QCMS`,
      `${base}/pdf.mjs`,
      `${base}/viewer.js.map`,
    ];
    for (const url of urls) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["cache-control"], url).not.toContain("immutable");
    }
  });

  it("versions URLs by content", () => {
    expect(viewerAssetVersion()).toMatch(/^[0-9a-f]{12}$/);
    expect(base).toBe(`${VIEWER_ASSET_PREFIX}/${viewerAssetVersion()}`);
  });
});
