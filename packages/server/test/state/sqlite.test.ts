// SQLite adapter: the shared conformance suite on in-memory databases, then what only a file shows.
import { copyFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createStateStore } from "../../src/adapters/state/create-state-store.js";
import { KyselyStateStore } from "../../src/adapters/state/kysely-state-store.js";
import { openSqliteDialect } from "../../src/adapters/state/sqlite-dialect.js";
import { makeJob, makeSession, T0 } from "./conformance/fixtures.js";
import { runStateStoreConformance } from "./state-store-conformance.js";
import { migrateInitialOnly, V0001_DOCUMENT } from "./support/migrate-initial-only.js";
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

  it("checkpoints the WAL from its own thread: committed entries reach the database file by themselves", async () => {
    const file = join(dir, "checkpointed.db");
    const store = await createStateStore(`sqlite:${file}`);
    await store.migrate();
    const session = makeSession();
    expect(await store.openSession({ fingerprint: "fp-ckpt", replayExpiresAt: T0, session })).toBe("created");
    // A few pages in the WAL: SQLite's automatic checkpoint (every 1000 pages) would not copy them yet.
    // A copy of the database file alone, without its WAL, shows only what a checkpoint copied.
    const copy = join(dir, "checkpointed-copy.db");
    const inFileAlone = () => {
      for (const f of [`${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
      copyFileSync(file, copy);
      const probe = new Database(copy, { readonly: true });
      try {
        return probe.prepare("select count(*) from sessions where id = ?").pluck().get(session.id) === 1;
      } catch {
        return false; // not even the tables are in the file yet
      } finally {
        probe.close();
      }
    };
    const deadline = Date.now() + 5_000;
    while (!inFileAlone() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(inFileAlone()).toBe(true);
    await store.close();
  });

  it("keeps the WAL bounded under sustained writes: it restarts at the high mark", async () => {
    // Back-to-back batches, as under load: the checkpoint thread alone never catches up with the last
    // commit, so without the writer's mark the WAL only grows (~9 KB per entry here).
    const markPages = 64;
    const file = join(dir, "sustained.db");
    const store = new KyselyStateStore(openSqliteDialect(file, { walRestartMarkPages: markPages }));
    await store.migrate();
    const entries = 3_000;
    for (let i = 0; i < entries; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, k) =>
          store.openSession({ fingerprint: `fp-sustained-${i + k}`, replayExpiresAt: T0, session: makeSession() }),
        ),
      );
    }
    const pageSize = 4096;
    const walBytes = statSync(`${file}-wal`).size;
    // The WAL file keeps its largest size; one restart cycle is the mark plus one batch's pages.
    expect(walBytes).toBeLessThan(4 * markPages * (pageSize + 24));
    expect(statSync(file).size).toBeGreaterThan(entries * 1000);
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

  it("upgrades a database left at migration 0001, keeping its documents", async () => {
    const file = join(dir, "v0001.db");
    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    await migrateInitialOnly(old);
    await (old as Kysely<{ documents: typeof V0001_DOCUMENT }>)
      .insertInto("documents")
      .values(V0001_DOCUMENT)
      .execute();
    await old.destroy();

    const store = await createStateStore(`sqlite:${file}`);
    await store.migrate();
    await store.migrate();
    const { repo_id, doc_id } = V0001_DOCUMENT;
    expect(await store.getDocument(repo_id, doc_id)).toMatchObject({ generation: 3, editKey: null, editState: null });
    expect(await store.beginEdit(repo_id, doc_id, "key-a", T0)).toMatchObject({ outcome: "joined", key: "key-a" });
    await store.close();
    const probe = new Database(file, { readonly: true });
    const applied = probe.prepare("select name from docgate_migration order by name").pluck().all();
    const indexes = probe.prepare("select name from pragma_index_list('documents') where \"unique\" = 1").pluck().all();
    probe.close();
    expect(applied).toEqual(["0001-initial", "0002-edit-sessions", "0003-edit-participants"]);
    expect(indexes).toContain("documents_edit_key");
  });

  it("joins beginEdit across two connections to one file to one key", async () => {
    const file = join(dir, "edit.db");
    const a = await createStateStore(`sqlite:${file}`);
    const b = await createStateStore(`sqlite:${file}`);
    await Promise.all([a.migrate(), b.migrate()]);
    await a.observeDocument("r", "d", "2020-03-25T02:57:38.000Z", T0);
    const stores = [a, b];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => stores[i % 2]!.beginEdit("r", "d", `cand-${i}`, T0)),
    );
    expect(new Set(results.map((r) => (r.outcome === "joined" ? r.key : "(waited)"))).size).toBe(1);
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
