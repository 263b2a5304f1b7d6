// The one conformance suite every StateStore adapter runs (ARCHITECTURE practice 2; the shape of
// tus-node-server's shared store tests). Backend-specific cases live in each backend's test file.
import type { StateStore } from "@docgate/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { documentCases } from "./conformance/document-cases.js";
import { abandonedSaveCases, editSessionCases } from "./conformance/edit-session-cases.js";
import type { StateStoreFactory } from "./conformance/fixtures.js";
import { makeSession, T0 } from "./conformance/fixtures.js";
import { jobCases } from "./conformance/job-cases.js";
import { sessionCases } from "./conformance/session-cases.js";

export type { StateStoreFactory } from "./conformance/fixtures.js";

/**
 * Runs every case against stores from `factory`, which must return a new store over empty tables
 * (migrated or not: the suite migrates it). Each case gets its own store and closes it.
 */
export function runStateStoreConformance(name: string, factory: StateStoreFactory): void {
  describe(`StateStore conformance: ${name}`, () => {
    let current: StateStore | undefined;
    const store = (): StateStore => {
      if (current === undefined) throw new Error("store used outside a test");
      return current;
    };

    beforeEach(async () => {
      current = await factory();
      await current.migrate();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });

    describe("lifecycle", () => {
      it("answers ping", async () => {
        await expect(store().ping()).resolves.toBeUndefined();
      });

      it("migrates idempotently, keeping data", async () => {
        const session = makeSession();
        await store().createSession(session);
        await store().migrate();
        await store().migrate();
        expect(await store().getSession(session.id)).toEqual(session);
        expect(await store().claimEntry("fp", T0)).toBe(true);
      });
    });

    describe("sessions and replays", () => sessionCases(store));
    describe("documents", () => documentCases(store));
    describe("edit sessions", () => editSessionCases(store));
    describe("abandoned saves and editors", () => abandonedSaveCases(store));
    describe("jobs", () => jobCases(store));
  });
}
