import { describe, expect, it } from "vitest";
import { sanitizeUrl } from "../../src/logging/sanitize-url.js";

describe("sanitizeUrl", () => {
  it("keeps routing facts and redacts credentials, signatures and personal data", () => {
    const url =
      "/docs/app/driver-callback?repoId=crm&docId=42&action=edit&userinfo=eyJpZCI6IjEifQ%3D%3D&meta=e30%3D&params=zdocs_access_token%3Dtok123&ts=1700000000000&HMAC=abcdef";
    const out = sanitizeUrl(url);
    expect(out).toContain("repoId=crm");
    expect(out).toContain("docId=42");
    expect(out).toContain("ts=1700000000000");
    for (const secret of ["tok123", "abcdef", "eyJpZCI6IjEifQ", "e30"]) expect(out).not.toContain(secret);
    expect(out).toContain("HMAC=[redacted]");
  });

  it("leaves paths without a query alone", () => {
    expect(sanitizeUrl("/healthz")).toBe("/healthz");
  });
});
