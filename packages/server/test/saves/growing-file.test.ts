// The spool file read while it is written (growing-file.ts): the follower keeps up with the writer,
// never ends before it is told the file is complete and committed, and fails with the writer.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FileFollower, SpoolFileWriter } from "../../src/saves/growing-file.js";

const dir = mkdtempSync(join(tmpdir(), "docgate-growing-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `f${++n}`);

function write(writer: SpoolFileWriter, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => writer.write(chunk, (err) => (err ? reject(err) : resolve())));
}

function collect(follower: FileFollower): { chunks: Buffer[]; done: Promise<Buffer>; ended: () => boolean } {
  const chunks: Buffer[] = [];
  let ended = false;
  const done = new Promise<Buffer>((resolve, reject) => {
    follower.on("data", (c: Buffer) => chunks.push(c));
    follower.on("end", () => {
      ended = true;
      resolve(Buffer.concat(chunks));
    });
    follower.on("error", reject);
  });
  return { chunks, done, ended: () => ended };
}

describe("a spool file read while it is written", () => {
  it("delivers what is written as it is written, and ends only once told the file is complete", async () => {
    const path = fresh();
    const writer = await SpoolFileWriter.create(path);
    const follower = await FileFollower.open(path, writer);
    const read = collect(follower);
    const parts = [randomBytes(100_000), randomBytes(300_000), randomBytes(5)];
    await write(writer, parts[0]!);
    await expect.poll(() => Buffer.concat(read.chunks).length).toBe(100_000);
    await write(writer, parts[1]!);
    await write(writer, parts[2]!);
    await new Promise<void>((resolve) => writer.end(resolve));
    // Everything written and the writer finished, but the file was not declared complete: no end yet.
    await expect.poll(() => Buffer.concat(read.chunks).length).toBe(400_005);
    await new Promise((r) => setTimeout(r, 50));
    expect(read.ended()).toBe(false);
    follower.complete(400_005);
    expect((await read.done).equals(Buffer.concat(parts))).toBe(true);
    expect(readFileSync(path).equals(Buffer.concat(parts))).toBe(true);
  });

  it("keeps reading the same file after the spool renames it", async () => {
    const path = fresh();
    const writer = await SpoolFileWriter.create(path);
    const follower = await FileFollower.open(path, writer);
    const read = collect(follower);
    const bytes = randomBytes(200_000);
    await write(writer, bytes);
    await new Promise<void>((resolve) => writer.end(resolve));
    renameSync(path, `${path}.data`);
    follower.complete(bytes.length);
    expect((await read.done).equals(bytes)).toBe(true);
  });

  it("fails when told to, and when the writer fails: a body that can never complete", async () => {
    const path = fresh();
    const writer = await SpoolFileWriter.create(path);
    const told = await FileFollower.open(path, writer);
    const withWriter = await FileFollower.open(path, writer);
    const a = collect(told);
    const b = collect(withWriter);
    await write(writer, randomBytes(1000));
    told.fail(new Error("not stored"));
    await expect(a.done).rejects.toThrow("not stored");
    writer.on("error", () => {}); // in the spool, the pipeline that feeds the writer reports it
    writer.destroy(new Error("disk full"));
    await expect(b.done).rejects.toThrow("disk full");
  });

  it("writes chunks that queue up in one go, in order, and fsyncs before it finishes", async () => {
    const path = fresh();
    const writer = await SpoolFileWriter.create(path);
    const chunks = Array.from({ length: 200 }, () => randomBytes(10_000));
    for (const c of chunks) writer.write(c); // no waiting: they queue and go out as writev batches
    await new Promise<void>((resolve, reject) => writer.end((err?: Error | null) => (err ? reject(err) : resolve())));
    expect(writer.written).toBe(2_000_000);
    expect(readFileSync(path).equals(Buffer.concat(chunks))).toBe(true);
  });
});
