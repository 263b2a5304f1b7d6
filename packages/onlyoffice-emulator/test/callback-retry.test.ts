// spec: onlyoffice 4: status 2 retried only on network error, 429 or 5xx (1 s / 2 s / 4 s, scaled down here);
// HTTP 200 with error != 0 and other 4xx are final and the file goes to the forgotten files.
import { afterEach, describe, expect, it } from "vitest";
import type { CallbackAnswer } from "./support/fake-docgate.js";
import { makeDocx } from "./support/fixtures.js";
import { editorAction, type Harness, openEditor, signedConfig, startHarness, uniqueKey } from "./support/harness.js";

let h: Harness;
afterEach(() => h.close());

async function editAndLeave(answers: (status: number, nth: number) => CallbackAnswer) {
  h = await startHarness({ saveDelayMs: 10, callbackRetryBaseMs: 40 });
  h.docgate.files.set("/f.docx", await makeDocx());
  let twos = 0;
  h.docgate.answer = (cb) => {
    const status = cb.body.status as number;
    if (status === 2) twos += 1;
    return answers(status, twos);
  };
  const key = uniqueKey();
  const e = await openEditor(
    h.emu.url,
    await signedConfig({ key, url: `${h.docgate.url}/f.docx`, callbackUrl: `${h.docgate.url}/cb` }),
  );
  await editorAction(h.emu.url, e.connectionId, "insert", { text: "Unsaved work" });
  await editorAction(h.emu.url, e.connectionId, "close");
  const record = await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
  return { key, record, twos: h.docgate.callbacks.filter((c) => c.body.status === 2) };
}

const ok: CallbackAnswer = { status: 200, body: '{"error":0}' };

describe("status 2 retries and forgotten files", () => {
  it("retries on 5xx and 429 with doubling delays, then succeeds", async () => {
    const { record, twos } = await editAndLeave((s, n) =>
      s !== 2 ? ok : n === 1 ? { status: 503, body: "" } : n === 2 ? { status: 429, body: "" } : ok,
    );
    expect(record.outcome).toBe("acknowledged");
    expect(twos).toHaveLength(3);
    const gap1 = twos[1]!.at - twos[0]!.at;
    const gap2 = twos[2]!.at - twos[1]!.at;
    expect(gap1).toBeGreaterThanOrEqual(35);
    expect(gap2).toBeGreaterThanOrEqual(75);
    expect(h.emu.forgotten()).toHaveLength(0);
  });

  it("retries on a network error", async () => {
    const { record, twos } = await editAndLeave((s, n) => (s === 2 && n === 1 ? "destroy" : ok));
    expect(record.outcome).toBe("acknowledged");
    expect(twos).toHaveLength(2);
  });

  it("gives up after 3 retries (4 attempts) and forgets the file", async () => {
    const { key, record, twos } = await editAndLeave((s) => (s === 2 ? { status: 500, body: "" } : ok));
    expect(twos).toHaveLength(4);
    expect(record.outcome).toBe("failed");
    const forgotten = h.emu.forgotten();
    expect(forgotten).toMatchObject([{ key, filetype: "docx" }]);
    const res = await fetch(`${h.emu.url}/emulator/forgotten/${forgotten[0]!.id}/file`);
    expect(res.status).toBe(200);
  });

  it("does not retry HTTP 200 with error != 0: the file is forgotten", async () => {
    const { key, record, twos } = await editAndLeave((s) => (s === 2 ? { status: 200, body: '{"error":1}' } : ok));
    expect(twos).toHaveLength(1);
    expect(record.outcome).toBe("rejected");
    const list = (await (await fetch(`${h.emu.url}/emulator/forgotten`)).json()) as { key: string; reason: string }[];
    expect(list).toMatchObject([{ key }]);
    expect(list[0]!.reason).toContain('{"error":1}');
  });

  it("does not retry a 4xx other than 429", async () => {
    const { record, twos } = await editAndLeave((s) => (s === 2 ? { status: 403, body: "" } : ok));
    expect(twos).toHaveLength(1);
    expect(record.outcome).toBe("rejected");
    expect(h.emu.forgotten()).toHaveLength(1);
  });

  it("requires a JSON body with error 0: an empty 200 is a refusal", async () => {
    const { record } = await editAndLeave((s) => (s === 2 ? { status: 200, body: "ok" } : ok));
    expect(record.outcome).toBe("rejected");
  });

  it("never retries status 1, 4 or 6", async () => {
    h = await startHarness({ saveDelayMs: 10, callbackRetryBaseMs: 10 });
    h.docgate.files.set("/f.docx", await makeDocx());
    h.docgate.answer = () => ({ status: 500, body: "" });
    const key = uniqueKey();
    const e = await openEditor(
      h.emu.url,
      await signedConfig({ key, url: `${h.docgate.url}/f.docx`, callbackUrl: `${h.docgate.url}/cb` }),
    );
    await editorAction(h.emu.url, e.connectionId, "insert", { text: "x" });
    await editorAction(h.emu.url, e.connectionId, "forcesave");
    await h.emu.waitForCallback((r) => r.status === 6);
    const key2 = uniqueKey();
    const e2 = await openEditor(
      h.emu.url,
      await signedConfig({ key: key2, url: `${h.docgate.url}/f.docx`, callbackUrl: `${h.docgate.url}/cb` }),
    );
    await editorAction(h.emu.url, e2.connectionId, "close");
    await h.emu.waitForCallback((r) => r.status === 4);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.docgate.callbacks.map((c) => c.body.status)).toEqual([1, 6, 1, 4]);
    expect(h.emu.callbacks().every((c) => c.attempts.length === 1)).toBe(true);
  });
});
