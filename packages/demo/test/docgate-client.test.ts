// docgate's own business-system client (the code that really calls downloadUrl/uploadUrl) against the
// demo on a socket: the params travel three ways on the wire, the file streams back, and the upload
// reply's modified_at is what docgate records.
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// docgate's internal client, by path: @docgate/server exports only its composition root, and this test
// is about the real wire behaviour, not a re-implementation of it. The demo itself never imports it.
import { createBusinessClient } from "../../server/src/adapters/source/index.js";
import { MODIFIED_AT_PATTERN } from "../src/modified-at.js";
import { type RunningDemo, startDemoServer } from "../src/start-demo-server.js";
import { createHarness, type Harness, REPO_ID, SECRET } from "./support/demo-harness.js";

let demo: RunningDemo;
let h: Harness;
const client = createBusinessClient({
  connectTimeoutMs: 2000,
  idleTimeoutMs: 5000,
  totalTimeoutMs: 10_000,
  maxDownloadBytes: 1 << 20,
  maxRedirects: 0,
});

beforeAll(async () => {
  // The harness only provides the verifier and a data directory; this demo listens on a real port.
  h = createHarness();
  await h.demo.close();
  demo = await startDemoServer({
    port: 0,
    dataDir: h.dir,
    context: "http://127.0.0.1:1", // replaced below once the port is known
    docgate: { publicUrl: "http://127.0.0.1:18001", repoId: REPO_ID, secret: SECRET },
    editor: { kind: "emulator", publicUrl: "http://127.0.0.1:18090" },
  });
  demo.ctx.context = demo.url;
});

afterAll(async () => {
  await client.close();
  await demo?.close();
});

async function entryFor(docId: string, action: "view" | "edit") {
  const res = await demo.app.inject({ method: "GET", url: `/open/${docId}?action=${action}` });
  const url = new URL(res.headers.location as string);
  const { verifyEntry, repoSchema } = await import("@docgate/core");
  const repo = repoSchema.parse({ id: REPO_ID, secrets: [SECRET], context: demo.url });
  return verifyEntry({ rawTarget: url.pathname + url.search, lookupRepo: () => repo, now: Date.now() });
}

describe("docgate's business client against the demo", () => {
  it("downloads with the token and uploads a new version, getting its modified_at back", async () => {
    const file = await demo.ctx.documents.receive(Readable.from([Buffer.from("original 原文")]), 1 << 20);
    const doc = demo.ctx.documents.createDocument("客户 client.docx", "editor", file, "upload");
    const repo = { context: demo.url, allowPrivateNetwork: false, headerPrefix: "x-" };

    const view = await entryFor(doc.id, "view");
    const download = await client.download({ url: view.downloadUrl, repo, params: view.params });
    expect(download.status).toBe(200);
    const chunks: Buffer[] = [];
    for await (const chunk of download.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString("utf8")).toBe("original 原文");

    const edit = await entryFor(doc.id, "edit");
    const saved = await client.upload({
      url: edit.uploadUrl as string,
      repo,
      params: edit.params,
      file: Readable.from([Buffer.from("saved 已保存")]),
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
    expect(saved.status).toBe(200);
    expect(saved.json.modified_at).toMatch(MODIFIED_AT_PATTERN);
    expect(saved.json.modified_at > doc.latest.modifiedAt).toBe(true);
    expect(demo.ctx.documents.latestVersion(doc.id)).toMatchObject({ n: 2, modifiedAt: saved.json.modified_at });

    // With a view entry's params the save is refused: docgate sees a 4xx and holds it.
    await expect(
      client.upload({
        url: edit.uploadUrl as string,
        repo,
        params: view.params,
        file: Readable.from([Buffer.from("nope")]),
        mimeType: "application/octet-stream",
      }),
    ).rejects.toMatchObject({ upstreamStatus: 403, retryable: false });
  });
});
