// spec: onlyoffice 6: the saved file must be a real, valid document. LibreOffice reads it back.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireTool } from "../../../test/support/require-tool.js";
import { makeDocx, makePptx, makeXlsx } from "./support/fixtures.js";
import {
  download,
  editorAction,
  type Harness,
  openEditor,
  signedConfig,
  startHarness,
  uniqueKey,
} from "./support/harness.js";

const run = promisify(execFile);

async function convert(dir: string, file: string, to: string): Promise<string> {
  // A private profile so parallel soffice runs do not share (and lock) one user installation.
  const profile = `file://${join(dir, "profile")}`;
  await run(
    "/usr/bin/soffice",
    [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", to, "--outdir", dir, join(dir, file)],
    {
      timeout: 120_000,
    },
  );
  const out = join(dir, file.replace(/\.[^.]+$/, `.${to.split(":")[0]}`));
  return readFile(out, "utf8");
}

describe("saved files are valid documents (LibreOffice)", () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    await requireTool("soffice");
    h = await startHarness({ saveDelayMs: 10 });
    dir = await mkdtemp(join(tmpdir(), "emu-soffice-"));
  });
  afterAll(async () => {
    await h?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function editThroughEmulator(fileType: string, bytes: Uint8Array, text: string): Promise<Uint8Array> {
    h.docgate.files.set(`/f.${fileType}`, bytes);
    const key = uniqueKey();
    const e = await openEditor(
      h.emu.url,
      await signedConfig({ key, url: `${h.docgate.url}/f.${fileType}`, callbackUrl: `${h.docgate.url}/cb`, fileType }),
    );
    expect(e.attrs.state).toBe("editing");
    await editorAction(h.emu.url, e.connectionId, "insert", { text });
    await editorAction(h.emu.url, e.connectionId, "close");
    const cb = await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
    expect(cb.fields.filetype).toBe(fileType);
    return (await download(String(cb.fields.url))).bytes;
  }

  it("converts the saved docx to txt, and the text contains the edit", async () => {
    const saved = await editThroughEmulator(
      "docx",
      await makeDocx(["Kept paragraph"]),
      "Paragraph typed in the emulator",
    );
    await writeFile(join(dir, "saved.docx"), saved);
    const txt = await convert(dir, "saved.docx", "txt:Text");
    expect(txt).toContain("Kept paragraph");
    expect(txt).toContain("Paragraph typed in the emulator");
  });

  it("converts the saved xlsx to csv, and the cells contain the edit", async () => {
    const saved = await editThroughEmulator("xlsx", await makeXlsx(["Kept cell"]), "Cell typed in the emulator");
    await writeFile(join(dir, "saved.xlsx"), saved);
    const csv = await convert(dir, "saved.xlsx", "csv");
    expect(csv.split(/\r?\n/).slice(0, 2)).toEqual(["Kept cell", "Cell typed in the emulator"]);
  });

  it("opens the saved pptx and exports it to odp with the text box", async () => {
    const saved = await editThroughEmulator("pptx", await makePptx("Kept title"), "Box typed in the emulator");
    await writeFile(join(dir, "saved.pptx"), saved);
    const profile = `file://${join(dir, "profile")}`;
    await run(
      "/usr/bin/soffice",
      [
        `-env:UserInstallation=${profile}`,
        "--headless",
        "--convert-to",
        "odp",
        "--outdir",
        dir,
        join(dir, "saved.pptx"),
      ],
      {
        timeout: 120_000,
      },
    );
    const JSZip = (await import("jszip")).default;
    const odp = await JSZip.loadAsync(await readFile(join(dir, "saved.odp")));
    const content = await odp.file("content.xml")!.async("string");
    expect(content).toContain("Kept title");
    expect(content).toContain("Box typed in the emulator");
  });
});
