import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DOCUMENT_KEY_LENGTH, deriveDocumentKey, isValidDocumentKey } from "../../src/onlyoffice/document-key.js";

const base = { repoId: "crm", docId: "doc-1", modifiedAt: "2024-03-25T02:57:38.000Z", generation: 0 };

describe("document.key (spec: onlyoffice 2)", () => {
  it("is deterministic: every open of the same content gets the same key", () => {
    expect(deriveDocumentKey(base)).toBe(deriveDocumentKey({ ...base }));
    expect(deriveDocumentKey(base)).toHaveLength(DOCUMENT_KEY_LENGTH);
  });

  it("changes with each part of (repoId, docId, modified_at, generation)", () => {
    const k = deriveDocumentKey(base);
    expect(deriveDocumentKey({ ...base, repoId: "oa" })).not.toBe(k);
    expect(deriveDocumentKey({ ...base, docId: "doc-2" })).not.toBe(k);
    expect(deriveDocumentKey({ ...base, modifiedAt: "2024-03-25T02:57:38.001Z" })).not.toBe(k);
    expect(deriveDocumentKey({ ...base, generation: 1 })).not.toBe(k);
  });

  it("cannot be confused by moving characters between fields", () => {
    expect(deriveDocumentKey({ ...base, repoId: "a:b", docId: "c" })).not.toBe(
      deriveDocumentKey({ ...base, repoId: "a", docId: "b:c" }),
    );
  });

  it("only ever uses DS's characters 0-9 a-z A-Z - . _ = and at most 128 of them", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.nat({ max: 1_000_000 }),
        (repoId, docId, modifiedAt, generation) => {
          const key = deriveDocumentKey({ repoId, docId, modifiedAt, generation });
          return isValidDocumentKey(key) && key.length <= 128;
        },
      ),
    );
  });

  it("refuses a generation that is not a non-negative integer", () => {
    expect(() => deriveDocumentKey({ ...base, generation: -1 })).toThrow(RangeError);
    expect(() => deriveDocumentKey({ ...base, generation: 1.5 })).toThrow(RangeError);
  });

  it("isValidDocumentKey rejects characters DS does not accept and over-long keys", () => {
    expect(isValidDocumentKey("abc-._=XYZ09")).toBe(true);
    expect(isValidDocumentKey("a/b")).toBe(false);
    expect(isValidDocumentKey("a+b")).toBe(false);
    expect(isValidDocumentKey("")).toBe(false);
    expect(isValidDocumentKey("a".repeat(129))).toBe(false);
  });
});
