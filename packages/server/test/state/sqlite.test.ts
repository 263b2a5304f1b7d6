// SQLite adapter: the shared conformance suite on in-memory databases, then what only a file shows.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createStateStore } from "../../src/adapters/state/create-state-store.js";
import { makeJob, makeSession, T0 } from "./conformance/fixtures.js";
import { runStateStoreConformance } from "./state-store-conformance.js";
import { runClaimWorkers } from "./support/run-claim-workers.js";

runStateStoreConformance("sqlite", () => createStateStore("sqlite::memory:"));

describe("SQLite state store on a file", () => {
  const dir = mkdtempSync(join(tmpdir(), "docgate-state-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates parent directories, resolves relative paths against dataDir, and persists across reopen", async () => {
    const first = await createStateStore("sqlite:nested/deeper/state.db", { dataDir: dir });
    await first.migrate();
    const session = makeSession();
    await first.createSession(session);
    await first.claimEntry("fp-1", T0);
    await first.close();

    const again = await createStateStore(`sqlite://${join(dir, "nested/deeper/state.db")}`);
    await again.migrate();
    expect(await again.getSession(session.id)).toEqual(session);
    expect(await again.claimEntry("fp-1", T0)).toBe(false);
    await again.close();
  });

  it("runs in WAL mode", async () => {
    const file = join(dir, "wal.db");
    const store = await createStateStore(`sqlite:${file}`);
    await store.migrate();
    const probe = new Database(file, { readonly: true });
    expect(probe.pragma("journal_mode", { simple: true })).toBe("wal");
    probe.close();
    await store.close();
  });

  it("keeps claims atomic across two connections to one file", async () => {
    const file = join(dir, "shared.db");
    const a = await createStateStore(`sqlite:${file}`);
    const b = await createStateStore(`sqlite:${file}`);
    // Both at once: the BEGIN IMMEDIATE around migrations makes the second wait and find nothing to do.
    await Promise.all([a.migrate(), b.migrate()]);
    const stores = [a, b];

    const entries = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.claimEntry("fp", T0)));
    expect(entries.filter(Boolean)).toHaveLength(1);

    await a.enqueueJob(makeJob());
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => stores[i % 2]!.claimDueJob("save-upload", T0, 60_000)),
    );
    expect(claims.filter((c) => c !== undefined)).toHaveLength(1);

    const enqueues = await Promise.all(
      Array.from({ length: 10 }, (_, i) => stores[i % 2]!.enqueueJob(makeJob({ dedupeKey: "one" }))),
    );
    expect(enqueues.filter((e) => e.created)).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
  });

  it("keeps claims atomic across three processes on one file", async () => {
    const file = join(dir, "processes.db");
    const setup = await createStateStore(`sqlite:${file}`);
    await setup.migrate();
    const jobIds: string[] = [];
    for (let i = 0; i < 60; i++) jobIds.push((await setup.enqueueJob(makeJob({ now: 0 }))).job.id);
    await setup.close();

    const won = await runClaimWorkers(file, 3, 150);
    // At least two workers must have won jobs, or the processes never actually overlapped.
    expect(won.filter((w) => w.jobs.length > 0).length).toBeGreaterThanOrEqual(2);
    const entries = won.flatMap((w) => w.entries);
    const jobs = won.flatMap((w) => w.jobs);
    expect(entries).toHaveLength(150);
    expect(new Set(entries).size).toBe(150);
    expect(jobs.sort()).toEqual([...jobIds].sort());
  });

  it("rejects URLs it cannot serve", async () => {
    await expect(createStateStore("sqlite:")).rejects.toThrow(/no path/);
    await expect(createStateStore("mysql://root:secret@db/x")).rejects.toThrow(/unsupported/);
    await expect(createStateStore("mysql://root:secret@db/x")).rejects.not.toThrow(/secret/);
  });
});
