// Real processes, real browser: docgate runs as `docgate serve`, a business page on another site
// (localhost vs 127.0.0.1 are different sites) embeds the entry URL in an <iframe>, and Chromium must
// show the document's name inside the frame. A page on an unregistered origin must be refused.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docx } from "../../packages/server/test/preview/fixtures/ooxml.js";
import { launchChromium } from "../support/browser.js";
import { sampleMeta, signTestUrl, TEST_REPO_ID, TEST_SECRET } from "../support/entry-fixtures.js";
import { type RunningProcess, startDocgate } from "../support/processes.js";

let docgate: RunningProcess;
let business: Server;
let businessOrigin: string;
let stranger: Server;
let strangerOrigin: string;
let browser: Browser;
let docCounter = 0;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  // The business system: serves a page that embeds a freshly signed entry URL on every request,
  // and the document itself at its downloadUrl (docx sessions go to the built-in preview).
  const document = await docx(["Q3 report"]);
  const embedPage = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
    if (req.url?.startsWith("/files/"))
      return void res.writeHead(200, { "content-length": document.length }).end(document);
    const docId = `iframe-doc-${++docCounter}`;
    const entry = signTestUrl({
      baseUrl: docgate.url,
      context: businessOrigin,
      docId,
      meta: sampleMeta(docId, { name: `季度报告 Q3 report ${docId}.docx` }),
    });
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(
      `<!doctype html><title>OA</title><h1>OA system</h1><iframe id="dg" src="${entry.replace(/&/g, "&amp;")}" width="800" height="600"></iframe>`,
    );
  };
  business = createServer(embedPage);
  businessOrigin = `http://localhost:${await listen(business)}`;
  // Another site that is not in the repo's frameAncestors.
  stranger = createServer(embedPage);
  strangerOrigin = `http://localhost:${await listen(stranger)}`;
  docgate = await startDocgate({
    repos: [
      {
        id: TEST_REPO_ID,
        secrets: [TEST_SECRET],
        context: businessOrigin,
        frameAncestors: [businessOrigin],
        // The context is http://localhost:<port>: a name that resolves to loopback.
        allowPrivateNetwork: true,
      },
    ],
    preview: { workers: 1 },
  });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await docgate?.stop();
  business?.close();
  stranger?.close();
});

describe("entry inside a cross-origin iframe", () => {
  it("shows the document name in the frame, and the session survives a reload of the frame", async () => {
    const page = await browser.newPage();
    await page.goto(`${businessOrigin}/`);
    const frame = page.frameLocator("#dg");
    await expect
      .poll(async () => frame.locator('[data-testid="doc-name"]').textContent(), { timeout: 15_000 })
      .toMatch(/季度报告 Q3 report iframe-doc-\d+\.docx/);
    const inner = page.frames().find((f) => f.url().includes("/s/"));
    expect(inner?.url()).toMatch(/\/s\/[0-9a-f]{12}[A-Za-z0-9_-]{43}$/);
    // The partitioned httpOnly cookie reached docgate from inside the cross-site frame: the session is
    // now bound to this browser, so the same capability URL without the cookie is refused.
    const elsewhere = await fetch(inner?.url() as string, { headers: { accept: "application/json" } });
    expect(elsewhere.status).toBe(403);
    expect(((await elsewhere.json()) as { error: { code: string } }).error.code).toBe(
      "DOCGATE_SESSION_BROWSER_MISMATCH",
    );
    await inner?.goto(inner.url());
    await expect.poll(async () => frame.locator('[data-testid="doc-name"]').textContent()).toMatch(/季度报告/);
    await page.close();
  });

  it("is refused by the browser when the embedding origin is not in frameAncestors", async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on("console", (m) => {
      if (/frame-ancestors/.test(m.text())) blocked.push(m.text());
    });
    await page.goto(`${strangerOrigin}/`);
    await expect.poll(() => blocked.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const text = await page
      .frameLocator("#dg")
      .locator("body")
      .textContent({ timeout: 2_000 })
      .catch(() => "");
    expect(text ?? "").not.toMatch(/季度报告/);
    await page.close();
  });
});
