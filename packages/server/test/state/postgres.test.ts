// PostgreSQL adapter: the shared conformance suite in a schema of its own, then cross-connection cases.
// Needs the local server (test/support/require-tool.ts): a missing server fails, never skips.
import { randomBytes } from "node:crypto";
import type { StateStore } from "@docgate/core";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL, requireTool } from "../../../../test/support/require-tool.js";
import { createStateStore } from "../../src/adapters/state/create-state-store.js";
import { makeJob, T0 } from "./conformance/fixtures.js";
import { runStateStoreConformance } from "./state-store-conformance.js";
import { migrateInitialOnly, V0001_DOCUMENT } from "./support/migrate-initial-only.js";

const schema = `docgate_state_${randomBytes(6).toString("hex")}`;
const scratchSchemas = [schema];
function urlFor(s: string): string {
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("schema", s);
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await requireTool("postgres");
});

afterAll(async () => {
  await admin(async (c) => {
    for (const s of scratchSchemas) await c.query(`drop schema if exists ${s} cascade`);
  });
});

runStateStoreConformance("postgres", async () => {
  const store = await createStateStore(urlFor(schema));
  await store.migrate();
  await admin((c) =>
    c.query(`truncate ${schema}.sessions, ${schema}.entry_replays, ${schema}.documents, ${schema}.jobs`),
  );
  return store;
});

describe("PostgreSQL state store across connections", () => {
  it("migrates a fresh schema from two processes' pools at once", async () => {
    const fresh = `docgate_state_${randomBytes(6).toString("hex")}`;
    scratchSchemas.push(fresh);
    const stores = await Promise.all([1, 2, 3].map(() => createStateStore(urlFor(fresh))));
    await Promise.all(stores.map((s) => s.migrate()));
    const applied = await admin((c) => c.query(`select name from ${fresh}.docgate_migration order by name`));
    expect(applied.rows).toEqual([
      { name: "0001-initial" },
      { name: "0002-edit-sessions" },
      { name: "0003-edit-participants" },
    ]);
    await Promise.all(stores.map((s) => s.close()));
  });

  it("keeps claims atomic across separate pools", async () => {
    const stores: StateStore[] = await Promise.all([1, 2, 3, 4].map(() => createStateStore(urlFor(schema))));
    await Promise.all(stores.map((s) => s.migrate()));
    const pick = (i: number) => stores[i % stores.length]!;

    const entries = await Promise.all(Array.from({ length: 20 }, (_, i) => pick(i).claimEntry("fp-cross", T0)));
    expect(entries.filter(Boolean)).toHaveLength(1);

    const kind = `cross-${randomBytes(4).toString("hex")}`;
    await pick(0).enqueueJob(makeJob({ kind }));
    const one = await Promise.all(Array.from({ length: 20 }, (_, i) => pick(i).claimDueJob(kind, T0, 60_000)));
    expect(one.filter((c) => c !== undefined)).toHaveLength(1);

    const many = `many-${randomBytes(4).toString("hex")}`;
    for (let i = 0; i < 8; i++) await pick(i).enqueueJob(makeJob({ kind: many }));
    const claims = await Promise.all(Array.from({ length: 40 }, (_, i) => pick(i).claimDueJob(many, T0, 60_000)));
    const ids = claims.flatMap((c) => (c === undefined ? [] : [c.id]));
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    await Promise.all(stores.map((s) => s.close()));
  });

  it("upgrades a schema left at migration 0001, keeping its documents", async () => {
    const old = `docgate_state_${randomBytes(6).toString("hex")}`;
    scratchSchemas.push(old);
    const pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${old}` });
    const db = new Kysely<{ documents: typeof V0001_DOCUMENT }>({ dialect: new PostgresDialect({ pool }) });
    await migrateInitialOnly(db as Kysely<unknown>, old);
    await db.insertInto("documents").values(V0001_DOCUMENT).execute();
    await db.destroy();

    const stores = await Promise.all([1, 2].map(() => createStateStore(urlFor(old))));
    await Promise.all(stores.map((s) => s.migrate()));
    const [store] = stores as [StateStore, StateStore];
    const { repo_id, doc_id } = V0001_DOCUMENT;
    expect(await store.getDocument(repo_id, doc_id)).toMatchObject({ generation: 3, editKey: null, editState: null });
    expect(await store.beginEdit(repo_id, doc_id, "key-a", T0)).toMatchObject({ outcome: "joined", key: "key-a" });
    await Promise.all(stores.map((s) => s.close()));
    const applied = await admin((c) => c.query(`select name from ${old}.docgate_migration order by name`));
    expect(applied.rows).toEqual([
      { name: "0001-initial" },
      { name: "0002-edit-sessions" },
      { name: "0003-edit-participants" },
    ]);
    const unique = await admin((c) =>
      c.query("select indexdef from pg_indexes where schemaname = $1 and indexname = 'documents_edit_key'", [old]),
    );
    expect(unique.rows[0]?.indexdef).toMatch(/CREATE UNIQUE INDEX/);
  });

  it("joins beginEdit across separate pools to one key", async () => {
    const stores: StateStore[] = await Promise.all([1, 2, 3, 4].map(() => createStateStore(urlFor(schema))));
    const doc = `edit-${randomBytes(4).toString("hex")}`;
    await stores[0]!.observeDocument("r", doc, "2020-03-25T02:57:38.000Z", T0);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => stores[i % stores.length]!.beginEdit("r", doc, `cand-${i}`, T0)),
    );
    expect(new Set(results.map((r) => (r.outcome === "joined" ? r.key : "(waited)"))).size).toBe(1);
    const ended = await Promise.all(
      Array.from({ length: 20 }, (_, i) => stores[i % stores.length]!.endEdit(results[0]!.document.editKey!, T0)),
    );
    expect(ended.filter(Boolean)).toHaveLength(1);
    await Promise.all(stores.map((s) => s.close()));
  });

  it("returns BIGINT timestamps as numbers", async () => {
    const store = await createStateStore(urlFor(schema));
    const { job } = await store.enqueueJob(makeJob({ now: 2 ** 40 + 1 }));
    expect(job.createdAt).toBe(2 ** 40 + 1);
    expect(typeof (await store.getJob(job.id))?.nextAttemptAt).toBe("number");
    await store.close();
  });

  it("accepts the postgresql:// scheme too", async () => {
    const store = await createStateStore(urlFor(schema).replace(/^postgres:/, "postgresql:"));
    await expect(store.ping()).resolves.toBeUndefined();
    expect(await store.claimEntry(`fp-${randomBytes(4).toString("hex")}`, T0)).toBe(true);
    await store.close();
  });

  it("refuses a schema name that is not a plain identifier", async () => {
    await expect(createStateStore(urlFor("x;drop"))).rejects.toThrow(/invalid PostgreSQL schema/);
  });
});
