// A real status 2 from the ONLYOFFICE emulator into the intake: its temporary url is on DS's public
// origin (rewritten to the internal one), an intake failure answered with 500 makes DS retry, and the
// edited document reaches the business system once. The callback endpoint here is a stand-in for the
// ONLYOFFICE engine's route (token checks are that route's job); it does what the route does with a
// verified status 2: acceptSave, then {"error":0}, or HTTP 500 when storing failed.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type RunningEmulator, startEmulator } from "@docgate/onlyoffice-emulator";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocx } from "../../../onlyoffice-emulator/test/support/fixtures.js";
import { editorAction, openEditor, signedConfig } from "../../../onlyoffice-emulator/test/support/harness.js";
import type { AcceptSaveInput } from "../../src/saves/save-intake.js";
import { createSaveHarness, DS_PUBLIC, type SaveHarness } from "./support/save-harness.js";
import { waitForJob } from "./support/wait.js";

const SECRET = "test-secret-0123456789abcdef";

let emu: RunningEmulator;
let h: SaveHarness;
let docgate: Server;
let docgateUrl: string;
/** Answers given to status 2 callbacks. */
const answers: number[] = [];
let failNext = 0;
let callbackInput: (body: Record<string, unknown>) => AcceptSaveInput;

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    jwtSecret: SECRET,
    saveDelayMs: 30,
    publicUrl: DS_PUBLIC,
    callbackRetryBaseMs: 50,
    downloadRetryIntervalMs: 20,
  });
  h = await createSaveHarness({ dsInternalUrl: emu.url });
  const original = Buffer.from(await makeDocx(["Original paragraph"]));
  docgate = createServer(async (req, res) => {
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(original);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    let status = 200;
    if (body.status === 2 || body.status === 6) {
      try {
        if (failNext > 0) {
          failNext -= 1;
          throw new Error("disk full (simulated)");
        }
        await h.intake.acceptSave(callbackInput(body));
      } catch {
        status = 500;
      }
    }
    if (body.status === 2) answers.push(status);
    res.writeHead(status, { "content-type": "application/json" });
    res.end(status === 200 ? '{"error":0}' : '{"error":1}');
  });
  await new Promise<void>((r) => docgate.listen(0, "127.0.0.1", r));
  docgateUrl = `http://127.0.0.1:${(docgate.address() as AddressInfo).port}`;
});

afterAll(async () => {
  docgate.closeAllConnections();
  await new Promise((r) => docgate.close(r));
  await emu.close();
  await h.close();
});

describe("intake with the ONLYOFFICE emulator", () => {
  it("stores DS's edited file from its public link; a 500 makes DS retry; uploaded once", async () => {
    const session = await h.createSession();
    const key = `k-${session.docId}`;
    callbackInput = (body) => ({
      key: String(body.key),
      status: body.status as 2,
      final: body.status === 2,
      dsUrl: String(body.url),
      fileType: String(body.filetype),
      repoId: session.repoId,
      docId: session.docId,
      sessionId: session.id,
      fileName: session.meta.name,
      dedupeKey: `${body.key}:${body.status}`,
    });
    failNext = 1;
    const editor = await openEditor(
      emu.url,
      await signedConfig({ key, url: `${docgateUrl}/file.docx`, callbackUrl: `${docgateUrl}/callback` }),
    );
    expect(editor.status).toBe(200);
    await editorAction(emu.url, editor.connectionId, "insert", { text: "Edited through the emulator" });
    await editorAction(emu.url, editor.connectionId, "close");
    const cb = await emu.waitForCallback((r) => r.key === key && r.status === 2);
    expect(cb.outcome).toBe("acknowledged");
    expect(String(cb.fields.url).startsWith(`${DS_PUBLIC}/cache/files/`)).toBe(true);
    expect(answers).toEqual([500, 200]);

    const jobs = (await h.store.listJobs({ kind: "save-upload" })).filter((j) => j.docId === session.docId);
    expect(jobs).toHaveLength(1);
    await waitForJob(h.store, jobs[0]!.id, "done");
    const [saved] = h.bs.saved();
    expect(h.bs.saved()).toHaveLength(1);
    const zip = await JSZip.loadAsync(saved!.bytes);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("Edited through the emulator");
    expect(xml).toContain("Original paragraph");
  });
});
