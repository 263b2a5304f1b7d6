// Property tests (ARCHITECTURE.md, tests by layer): whatever a client sends, verifyEntry answers
// with a DocgateError or a verified entry; a non-DocgateError would reach users as a 5xx.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { VerifiedEntry } from "../src/entry/types.js";
import { verifyEntry } from "../src/entry/verify-entry.js";
import { DocgateError } from "../src/errors/docgate-error.js";
import {
  base64Json,
  ENTRY_PATH,
  entryPairs,
  hmac,
  lookupRepo,
  NOW,
  REPO,
  sampleMeta,
  signPairs,
} from "./entry-fixture.js";

type Outcome = { ok: true; entry: VerifiedEntry } | { ok: false; error: DocgateError };

/**
 * Runs verifyEntry; rethrows anything that is not a deliberate DocgateError so fast-check reports
 * it. verifyEntry's last-resort wrapper turns a stray exception into DOCGATE_BAD_REQUEST with the
 * original as `cause`; no deliberate rejection has a cause, so one with a cause is a bug here.
 */
function outcome(rawTarget: string, now = NOW, lookup = lookupRepo): Outcome {
  try {
    return { ok: true, entry: verifyEntry({ rawTarget, lookupRepo: lookup, now }) };
  } catch (error) {
    if (error instanceof DocgateError && error.cause === undefined) return { ok: false, error };
    throw error instanceof DocgateError ? error.cause : error;
  }
}

const anyRepo = () => REPO;
const VALID = signPairs(entryPairs());
const VALID_FINGERPRINT = verifyEntry({ rawTarget: VALID, lookupRepo, now: NOW }).fingerprint;

/** Characters that matter to the parsers, mixed with arbitrary text. */
const nasty = fc.oneof(
  fc.constantFrom(
    "&",
    "=",
    "?",
    "%",
    "%2",
    "%zz",
    "%FF",
    "%E4%B8",
    "+",
    ";",
    ":",
    "#",
    "\r\n",
    "\u0000",
    "HMAC=",
    "/",
    "\\",
    "@",
    "\ud800",
  ),
  fc.string({ maxLength: 4 }),
  fc.string({ unit: "grapheme", maxLength: 3 }),
);

describe("verifyEntry never throws anything but DocgateError", () => {
  it("random targets", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 })), (text) => {
        outcome(text);
        outcome(`${ENTRY_PATH}?${text}`);
        outcome(`${ENTRY_PATH}?${text}&HMAC=${"0".repeat(64)}`);
      }),
      { numRuns: 2000 },
    );
  });

  it("random queries built from parser-relevant pieces", () => {
    const segment = fc.tuple(fc.array(nasty, { maxLength: 3 }), fc.array(nasty, { maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 12 }), fc.boolean(), (segments, withHmac) => {
        const query = segments.map(([k, v]) => `${k.join("")}=${v.join("")}`).join("&");
        outcome(`${ENTRY_PATH}?${query}${withHmac ? `&HMAC=${hmac(`${ENTRY_PATH}?${query}`)}` : ""}`, NOW, anyRepo);
      }),
      { numRuns: 2000 },
    );
  });

  it("mutations of a valid URL: any that still verifies is the same signed URL (same fingerprint)", () => {
    const mutation = fc.tuple(fc.nat({ max: VALID.length }), fc.nat({ max: 8 }), fc.array(nasty, { maxLength: 2 }));
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        let target = VALID;
        for (const [at, remove, insert] of mutations) {
          target = target.slice(0, at) + insert.join("") + target.slice(at + remove);
        }
        const result = outcome(target);
        if (result.ok) expect(result.entry.fingerprint).toBe(VALID_FINGERPRINT);
      }),
      { numRuns: 3000 },
    );
  });

  it("correctly signed URLs with arbitrary field contents", () => {
    const field = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("", ":", "http://oa.example.com:8080/x"));
    const json = fc.oneof(fc.jsonValue(), fc.anything()).map((v) => {
      try {
        return base64Json(v);
      } catch {
        return "e30";
      }
    });
    fc.assert(
      fc.property(
        fc.record({
          docId: field,
          action: fc.oneof(field, fc.constantFrom("view", "edit")),
          userinfo: fc.oneof(json, field),
          meta: fc.oneof(json, field),
          downloadUrl: field,
          uploadUrl: field,
          params: fc.oneof(
            field,
            fc.array(nasty, { maxLength: 6 }).map((p) => p.join("")),
          ),
        }),
        (fields) => {
          outcome(signPairs(entryPairs(fields)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("correctly signed meta with one field replaced by anything", () => {
    const keys = [
      "id",
      "name",
      "modified_at",
      "size",
      "created_by",
      "owner",
      "permissions",
      "role",
      "extension",
      "waterMark",
    ];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.anything(), fc.anything(), (key, value, inner) => {
        const meta = sampleMeta("doc-1", { [key]: value });
        if (typeof meta.permissions === "object" && meta.permissions !== null && key !== "permissions") {
          meta.waterMark = { line1: "x", fontsize: inner, rotation: inner, withData: inner };
        }
        let encoded: string;
        try {
          encoded = base64Json(meta);
        } catch {
          return; // JSON.stringify itself refuses (e.g. BigInt): not a URL anyone can send.
        }
        outcome(signPairs(entryPairs({ meta: encoded })));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the signature covers every parameter", () => {
  it("changing any single signed parameter gives DOCGATE_SIGNATURE_INVALID", () => {
    const pairs = entryPairs();
    fc.assert(
      fc.property(fc.nat({ max: pairs.length - 1 }), fc.string({ minLength: 1, maxLength: 30 }), (index, value) => {
        const encode = (v: string) => new URLSearchParams([["k", v]]).toString();
        fc.pre(encode(value) !== encode(pairs[index]![1]));
        const signed = signPairs(pairs);
        const hmacPart = signed.slice(signed.lastIndexOf("&HMAC="));
        const changed = pairs.map(([k, v], i): [string, string] => [k, i === index ? value : v]);
        const result = outcome(`${ENTRY_PATH}?${new URLSearchParams(changed).toString()}${hmacPart}`, NOW, anyRepo);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe("DOCGATE_SIGNATURE_INVALID");
      }),
      { numRuns: 2000 },
    );
  });
});

describe("freshness over the whole range", () => {
  it("expired, future and in-window ts give the right answer", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (ageMs) => {
        const result = outcome(signPairs(entryPairs({ ts: String(NOW - ageMs) })));
        if (ageMs > REPO.tsWindowMs) {
          expect(result.ok ? "ok" : result.error.code).toBe("DOCGATE_TS_EXPIRED");
        } else if (-ageMs > REPO.tsFutureSkewMs) {
          expect(result.ok ? "ok" : result.error.code).toBe("DOCGATE_TS_IN_FUTURE");
        } else {
          expect(result.ok).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
