// SessionStore and ReplayStore cases (spec: entry 2, single use).
import type { StateStore } from "@docgate/core";
import { expect, it } from "vitest";
import { PURGE_CHUNK } from "../../../src/adapters/state/kysely-session-store.js";
import { makeSession, randomId, T0 } from "./fixtures.js";

export function sessionCases(store: () => StateStore): void {
  it("round-trips a session, including Chinese text, nulls and ordered repeated params", async () => {
    const session = makeSession();
    await store().createSession(session);
    const got = await store().getSession(session.id);
    expect(got).toEqual(session);
    expect(typeof got?.createdAt).toBe("number");
    expect(got?.params.map(([k]) => k)).toEqual(["token", "部门", "token", "empty"]);
  });

  it("round-trips a session with every optional field at its other value", async () => {
    const session = makeSession({
      browserBound: true,
      requestedAction: "view",
      effectiveMode: "view",
      readOnlyReason: null,
      uploadUrl: null,
      params: [],
      engine: "onlyoffice",
      user: { id: "u", display_name: "", email: "", photo_url: "https://x/😀.png" },
    });
    await store().createSession(session);
    expect(await store().getSession(session.id)).toEqual(session);
  });

  it("returns undefined for an unknown session and refuses a duplicate id", async () => {
    expect(await store().getSession("nope")).toBeUndefined();
    const session = makeSession();
    await store().createSession(session);
    await expect(store().createSession({ ...session, docId: "other" })).rejects.toThrow();
    expect((await store().getSession(session.id))?.docId).toBe("doc-1");
  });

  it("settles the browser binding once: the first value wins", async () => {
    expect(await store().settleBrowserBinding("nope", true)).toBeUndefined();
    const bound = makeSession();
    const refused = makeSession();
    await store().createSession(bound);
    await store().createSession(refused);
    expect(await store().settleBrowserBinding(bound.id, true)).toBe(true);
    expect(await store().settleBrowserBinding(bound.id, false)).toBe(true);
    expect((await store().getSession(bound.id))?.browserBound).toBe(true);
    expect(await store().settleBrowserBinding(refused.id, false)).toBe(false);
    expect(await store().settleBrowserBinding(refused.id, true)).toBe(false);
    expect((await store().getSession(refused.id))?.browserBound).toBe(false);
  });

  it("settles concurrently to one value that every caller sees", async () => {
    const session = makeSession();
    await store().createSession(session);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store().settleBrowserBinding(session.id, i % 2 === 0)),
    );
    const stored = (await store().getSession(session.id))?.browserBound;
    expect(typeof stored).toBe("boolean");
    expect(answers.every((a) => a === stored)).toBe(true);
  });

  it("purges sessions whose expiresAt <= now, and only those", async () => {
    const early = makeSession({ expiresAt: T0 + 100 });
    const boundary = makeSession({ expiresAt: T0 + 200 });
    const late = makeSession({ expiresAt: T0 + 201 });
    for (const s of [early, boundary, late]) await store().createSession(s);
    expect(await store().purgeExpiredSessions(T0 + 200)).toBe(2);
    expect(await store().getSession(early.id)).toBeUndefined();
    expect(await store().getSession(boundary.id)).toBeUndefined();
    expect(await store().getSession(late.id)).toEqual(late);
    expect(await store().purgeExpiredSessions(T0 + 200)).toBe(0);
  });

  it("purges more expired rows than one purge statement takes, and keeps the live ones", async () => {
    const expired = PURGE_CHUNK * 2 + 7;
    const live = makeSession({ expiresAt: T0 + 10_000 });
    await store().createSession(live);
    const fingerprints = Array.from({ length: expired }, () => randomId("fp"));
    await Promise.all(
      fingerprints.map((fp, i) =>
        store().openSession({
          fingerprint: fp,
          replayExpiresAt: T0 + 100,
          session: makeSession({ expiresAt: T0 + i }),
        }),
      ),
    );
    await store().claimEntry("fp-live", T0 + 10_000);
    expect(await store().purgeExpiredSessions(T0 + 5_000)).toBe(expired);
    expect(await store().purgeExpiredEntries(T0 + 5_000)).toBe(expired);
    expect(await store().getSession(live.id)).toEqual(live);
    expect(await store().claimEntry("fp-live", T0 + 10_000)).toBe(false);
    expect(await store().claimEntry(fingerprints[0]!, T0 + 10_000)).toBe(true);
  });

  it("claims an entry fingerprint once; a second claim is a replay", async () => {
    const fp = randomId("fp");
    expect(await store().claimEntry(fp, T0 + 1000)).toBe(true);
    expect(await store().claimEntry(fp, T0 + 1000)).toBe(false);
    expect(await store().claimEntry(fp, T0 + 9999)).toBe(false);
    expect(await store().claimEntry(randomId("fp"), T0 + 1000)).toBe(true);
  });

  it("gives exactly one of 20 concurrent claims of one fingerprint", async () => {
    const fp = randomId("fp");
    const results = await Promise.all(Array.from({ length: 20 }, () => store().claimEntry(fp, T0 + 1000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("purges expired fingerprints (expiresAt <= now), after which the fingerprint is claimable", async () => {
    const [a, b, c] = [randomId("fp"), randomId("fp"), randomId("fp")];
    await store().claimEntry(a, T0 + 100);
    await store().claimEntry(b, T0 + 200);
    await store().claimEntry(c, T0 + 201);
    expect(await store().purgeExpiredEntries(T0 + 200)).toBe(2);
    expect(await store().purgeExpiredEntries(T0 + 200)).toBe(0);
    expect(await store().claimEntry(c, T0 + 500)).toBe(false);
    expect(await store().claimEntry(a, T0 + 500)).toBe(true);
  });

  it("openSession claims the fingerprint and creates the session in one step", async () => {
    const fingerprint = randomId();
    const session = makeSession();
    expect(await store().openSession({ fingerprint, replayExpiresAt: T0 + 10_000, session })).toBe("created");
    expect(await store().getSession(session.id)).toEqual(session);
    expect(await store().claimEntry(fingerprint, T0 + 10_000)).toBe(false);
  });

  it("openSession commits concurrent entries together, each on its own: a failing one burns nothing", async () => {
    const good = Array.from({ length: 30 }, () => ({ fingerprint: randomId(), session: makeSession() }));
    // The same session id twice: the second insert violates the primary key and must roll back its claim.
    const clash = { fingerprint: randomId(), session: { ...makeSession(), id: good[0]!.session.id } };
    const all = [...good.slice(0, 15), clash, ...good.slice(15)];
    const outcomes = await Promise.allSettled(
      all.map(({ fingerprint, session }) =>
        store().openSession({ fingerprint, replayExpiresAt: T0 + 10_000, session }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(all.map((e) => (e === clash ? "rejected" : "fulfilled")));
    for (const { session } of good) expect(await store().getSession(session.id)).toEqual(session);
    // The failed entry's URL was not consumed: it can still be claimed.
    expect(await store().claimEntry(clash.fingerprint, T0 + 10_000)).toBe(true);
  });

  it("openSession writes nothing for a replayed fingerprint, even under concurrency", async () => {
    const fingerprint = randomId();
    const sessions = Array.from({ length: 20 }, () => makeSession());
    const outcomes = await Promise.all(
      sessions.map((session) => store().openSession({ fingerprint, replayExpiresAt: T0 + 10_000, session })),
    );
    expect(outcomes.filter((o) => o === "created")).toHaveLength(1);
    const stored = await Promise.all(sessions.map((s) => store().getSession(s.id)));
    expect(stored.filter((s) => s !== undefined)).toHaveLength(1);
  });
}
