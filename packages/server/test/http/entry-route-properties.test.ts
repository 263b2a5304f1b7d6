// Property tests at the HTTP edge (issue 2): thousands of random and mutated entry URLs sent through
// the real route never produce a 5xx; a mutated signed URL is refused with a 4xx code; a URL accepted
// once is refused when replayed.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signTestUrl, targetOf } from "../../../../test/support/entry-fixtures.js";
import { CONTEXT, createTestApp, PUBLIC_URL, type TestApp } from "../support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ server: { logLevel: "silent" } });
});
afterAll(async () => {
  await t.close();
});

const JSON_ACCEPT = { accept: "application/json" };
let n = 0;
const fresh = () => targetOf(signTestUrl({ baseUrl: PUBLIC_URL, context: CONTEXT, docId: `prop-${++n}` }));

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.string({ unit: "binary", maxLength: 8 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat() }),
);

type Mutation = { kind: "insert" | "delete" | "flip"; at: number; text?: string; len?: number };

function mutate(url: string, m: Mutation) {
  const at = 1 + (m.at % (url.length - 1));
  if (m.kind === "insert") return url.slice(0, at) + encodeURI(m.text ?? "").slice(0, 24) + url.slice(at);
  if (m.kind === "delete") return url.slice(0, at) + url.slice(at + (m.len ?? 1));
  const c = url.charCodeAt(at);
  return url.slice(0, at) + String.fromCharCode(c ^ 1 || 65) + url.slice(at + 1);
}

async function status(url: string): Promise<{ code: number; error?: string }> {
  const res = await t.app.inject({ url, headers: JSON_ACCEPT });
  return { code: res.statusCode, error: res.statusCode >= 400 ? res.json().error?.code : undefined };
}

describe("entry route under random input", () => {
  it("never answers 5xx to random request targets", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 300 }), async (junk) => {
        const query = encodeURI(junk).replace(/#/g, "%23");
        const { code } = await status(`/docs/app/driver-callback?${query}`);
        expect(code).toBeGreaterThanOrEqual(400);
        expect(code).toBeLessThan(500);
      }),
      { numRuns: 1500 },
    );
  });

  it("never answers 5xx to mutated signed URLs, and never accepts a mutation that changes the signed content", async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const original = fresh();
        const mutated = mutate(original, m);
        const { code, error } = await status(mutated);
        expect(code).toBeLessThan(500);
        if (code === 303) {
          // Accepted only if the mutation left the same signed content (e.g. hex case of the HMAC).
          expect((await status(original)).error).toBe("DOCGATE_REPLAYED");
        } else {
          expect(error).toMatch(/^DOCGATE_/);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("refuses every replay", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), async (extra) => {
        const url = fresh();
        expect((await status(url)).code).toBe(303);
        for (let i = 0; i < extra; i++) expect((await status(url)).error).toBe("DOCGATE_REPLAYED");
      }),
      { numRuns: 200 },
    );
  });
});
