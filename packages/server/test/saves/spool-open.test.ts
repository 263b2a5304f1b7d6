import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { Spool } from "../../src/saves/spool.js";

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("Spool.openDataFile (an operator's download of a held save)", () => {
  const dir = mkdtempSync(join(tmpdir(), "docgate-spool-open-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("answers undefined for a file that is gone, and a file removed after opening still reads whole", async () => {
    const spool = new Spool(dir);
    await spool.ensure();
    expect(await spool.openDataFile("never-written.data")).toBeUndefined();

    const bytes = Buffer.alloc(300_000, 7);
    const base = spool.newBase("job-1");
    const data = await spool.writeData(base, Readable.from([bytes]), []);
    const opened = await spool.openDataFile(data);
    expect(opened?.size).toBe(bytes.length);
    // The upload finishes meanwhile and removes the file: the open stream is unaffected.
    await spool.remove(base);
    expect(await spool.openDataFile(data)).toBeUndefined();
    expect((await readAll(opened!.stream)).equals(bytes)).toBe(true);
  });
});
