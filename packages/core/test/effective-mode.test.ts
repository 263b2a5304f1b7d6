import { describe, expect, it } from "vitest";
import { decideEffectiveMode } from "../src/entry/effective-mode.js";
import { catchDocgate } from "./entry-fixture.js";

describe("decideEffectiveMode (spec: entry 4)", () => {
  it("edit with write permission edits; view views", () => {
    expect(decideEffectiveMode("edit", { read: true, write: true })).toEqual({
      effectiveMode: "edit",
      readOnlyReason: null,
    });
    expect(decideEffectiveMode("view", { read: true, write: true })).toEqual({
      effectiveMode: "view",
      readOnlyReason: null,
    });
    expect(decideEffectiveMode("view", { read: true, write: false })).toEqual({
      effectiveMode: "view",
      readOnlyReason: null,
    });
  });

  it("edit without write permission opens read-only, saying why", () => {
    expect(decideEffectiveMode("edit", { read: true, write: false })).toEqual({
      effectiveMode: "view",
      readOnlyReason: "write_permission_false",
    });
  });

  it("read=false refuses to open", () => {
    for (const action of ["view", "edit"] as const) {
      expect(catchDocgate(() => decideEffectiveMode(action, { read: false, write: true })).code).toBe(
        "DOCGATE_PERMISSION_DENIED",
      );
    }
  });
});
