// DocumentStore cases (spec: entry 5, caching and versions; onlyoffice 2, key generations).
import type { StateStore } from "@docgate/core";
import { expect, it } from "vitest";
import { T0 } from "./fixtures.js";

const V1 = "2020-03-25T02:57:38.000Z";
const V2 = "2020-03-25T02:57:38.001Z";
const V3 = "2021-01-01T00:00:00.000Z";

export function documentCases(store: () => StateStore): void {
  it("returns undefined for a document never seen", async () => {
    expect(await store().getDocument("repo-1", "doc-1")).toBeUndefined();
  });

  it("creates the record on first sight at generation 0", async () => {
    const created = await store().observeDocument("repo-1", "doc-1", V1, T0);
    const expected = {
      repoId: "repo-1",
      docId: "doc-1",
      modifiedAt: V1,
      generation: 0,
      savedModifiedAt: null,
      editKey: null,
      editState: null,
    };
    expect(created).toEqual({ ...expected, updatedAt: T0 });
    expect(await store().getDocument("repo-1", "doc-1")).toEqual(created);
  });

  it("keeps the newer modifiedAt whichever order observations arrive in", async () => {
    await store().observeDocument("repo-1", "doc-1", V2, T0);
    const older = await store().observeDocument("repo-1", "doc-1", V1, T0 + 10);
    expect(older.modifiedAt).toBe(V2);
    expect(older.updatedAt).toBe(T0);
    const same = await store().observeDocument("repo-1", "doc-1", V2, T0 + 20);
    expect(same.updatedAt).toBe(T0);
    const newer = await store().observeDocument("repo-1", "doc-1", V3, T0 + 30);
    expect(newer).toMatchObject({ modifiedAt: V3, updatedAt: T0 + 30, generation: 0 });
  });

  it("orders modified_at by time across year and millisecond boundaries", async () => {
    await store().observeDocument("r", "d", "2019-12-31T23:59:59.999Z", T0);
    expect((await store().observeDocument("r", "d", "2020-01-01T00:00:00.000Z", T0)).modifiedAt).toBe(
      "2020-01-01T00:00:00.000Z",
    );
    expect((await store().observeDocument("r", "d", "2019-12-31T23:59:59.999Z", T0)).modifiedAt).toBe(
      "2020-01-01T00:00:00.000Z",
    );
  });

  it("keys documents by (repoId, docId)", async () => {
    await store().observeDocument("repo-1", "doc-1", V1, T0);
    await store().observeDocument("repo-2", "doc-1", V3, T0);
    await store().observeDocument("repo-1", "doc-2", V2, T0);
    expect((await store().getDocument("repo-1", "doc-1"))?.modifiedAt).toBe(V1);
    expect((await store().getDocument("repo-2", "doc-1"))?.modifiedAt).toBe(V3);
    expect((await store().getDocument("repo-1", "doc-2"))?.modifiedAt).toBe(V2);
  });

  it("records a save: sets both modified_at fields and increments generation", async () => {
    await store().observeDocument("repo-1", "doc-1", V1, T0);
    const first = await store().recordSave("repo-1", "doc-1", V2, T0 + 5);
    expect(first).toEqual({
      repoId: "repo-1",
      docId: "doc-1",
      modifiedAt: V2,
      generation: 1,
      savedModifiedAt: V2,
      editKey: null,
      editState: null,
      updatedAt: T0 + 5,
    });
    const second = await store().recordSave("repo-1", "doc-1", V3, T0 + 6);
    expect(second).toMatchObject({ modifiedAt: V3, savedModifiedAt: V3, generation: 2 });
    // A later open with an older modified_at changes nothing; the saved value stays.
    const reopened = await store().observeDocument("repo-1", "doc-1", V1, T0 + 7);
    expect(reopened).toEqual(second);
  });

  it("records a save for a document never observed at generation 1", async () => {
    const saved = await store().recordSave("repo-1", "fresh", V1, T0);
    expect(saved).toMatchObject({ modifiedAt: V1, savedModifiedAt: V1, generation: 1 });
  });

  it("counts every one of concurrent saves", async () => {
    await store().observeDocument("repo-1", "doc-1", V1, T0);
    await Promise.all(Array.from({ length: 10 }, (_, i) => store().recordSave("repo-1", "doc-1", V2, T0 + i)));
    expect((await store().getDocument("repo-1", "doc-1"))?.generation).toBe(10);
  });
}
