import { describe, expect, it } from "vitest";
import { assertUrlWithinContext, checkUrlWithinContext } from "../src/entry/host-rule.js";
import { catchDocgate } from "./entry-fixture.js";

const CONTEXT = "http://oa.example.com:8080";

function rejects(url: string, context = CONTEXT): string {
  const check = checkUrlWithinContext(url, context);
  if (check.ok) throw new Error(`expected ${url} to be refused`);
  return check.reason;
}

function accepts(url: string, context = CONTEXT): string {
  const check = checkUrlWithinContext(url, context);
  if (!check.ok) throw new Error(`expected ${url} to pass, got: ${check.reason}`);
  return check.url.href;
}

describe("host rule (spec: entry 3)", () => {
  it("accepts the context's own origin, normalised", () => {
    expect(accepts("http://oa.example.com:8080/v2/context/doc-1/content")).toBe(
      "http://oa.example.com:8080/v2/context/doc-1/content",
    );
    expect(accepts("http://OA.Example.COM:8080/a")).toBe("http://oa.example.com:8080/a");
  });

  it("default ports equal no port", () => {
    expect(accepts("http://oa.example.com:80/a", "http://oa.example.com")).toBe("http://oa.example.com/a");
    expect(accepts("http://oa.example.com/a", "http://oa.example.com:80")).toBe("http://oa.example.com/a");
    expect(accepts("https://oa.example.com:443/a", "https://oa.example.com")).toBe("https://oa.example.com/a");
    expect(rejects("https://oa.example.com:80/a", "https://oa.example.com")).toContain("port");
  });

  it("other host, port or scheme", () => {
    expect(rejects("http://evil.com:8080/a")).toContain("host");
    expect(rejects("http://oa.example.com:8081/a")).toContain("port");
    expect(rejects("http://oa.example.com/a")).toContain("port");
    expect(rejects("https://oa.example.com:8080/a")).toContain("scheme");
    expect(rejects("ftp://oa.example.com:8080/a")).toContain("scheme");
    expect(rejects("file:///etc/passwd")).toContain("scheme");
  });

  it("refuses any userinfo", () => {
    expect(rejects("http://oa.example.com:8080@evil.com/a")).toContain("user name");
    expect(rejects("http://ok@oa.example.com:8080/a")).toContain("user name");
    expect(rejects("http://u:p@oa.example.com:8080/a")).toContain("user name");
    expect(rejects("http://@oa.example.com:8080/a")).toContain("user name");
    expect(rejects("http://:@oa.example.com:8080/a")).toContain("user name");
  });

  it("suffix and prefix tricks, trailing dot (strict)", () => {
    expect(rejects("http://oa.example.com.evil.com:8080/a")).toContain("host");
    expect(rejects("http://evil-oa.example.com:8080/a")).toContain("host");
    expect(rejects("http://example.com:8080/a")).toContain("host");
    expect(rejects("http://oa.example.com.:8080/a")).toContain("host");
    expect(accepts("http://oa.example.com.:8080/a", "http://oa.example.com.:8080")).toBe(
      "http://oa.example.com.:8080/a",
    );
  });

  it("IPv6 and IPv4 literals compare after normalisation", () => {
    expect(accepts("http://[::1]:8080/a", "http://[0:0:0:0:0:0:0:1]:8080")).toBe("http://[::1]:8080/a");
    expect(rejects("http://[::2]:8080/a", "http://[::1]:8080")).toContain("host");
    expect(accepts("http://0x7f.1:8080/a", "http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080/a");
    expect(rejects("http://[::ffff:127.0.0.1]:8080/a", "http://127.0.0.1:8080")).toContain("host");
  });

  it("spellings that WHATWG normalises to the context's origin are that origin (it is what docgate fetches)", () => {
    expect(accepts("http://oa.example.com:08080/a")).toBe("http://oa.example.com:8080/a");
    expect(accepts("http://ｏａ.example.com:8080/a")).toBe("http://oa.example.com:8080/a");
    expect(accepts("http://oa%2Eexample.com:8080/a")).toBe("http://oa.example.com:8080/a");
    expect(accepts("HTTP://oa.example.com:8080/a")).toBe("http://oa.example.com:8080/a");
  });

  it("keeps a query string (allowed, see host-rule.ts) and drops a fragment", () => {
    expect(accepts("http://oa.example.com:8080/a?version=3#frag")).toBe("http://oa.example.com:8080/a?version=3");
  });

  it("ignores the context's path", () => {
    expect(accepts("http://oa.example.com:8080/other", "http://oa.example.com:8080/api")).toBe(
      "http://oa.example.com:8080/other",
    );
  });

  it("a table of tricky URLs", () => {
    const table: Array<[string, string]> = [
      ["http://oa.example.com:8080\\@evil.com/", "backslash"],
      ["http://oa.example.com:8080/\\evil", "backslash"],
      ["http://evil.com\\@oa.example.com:8080/", "backslash"],
      [" http://oa.example.com:8080/a", "whitespace"],
      ["http://oa.example.com:8080/a\n", "whitespace"],
      ["http://oa.exa\tmple.com:8080/a", "whitespace"],
      ["http:oa.example.com:8080/a", "scheme://host"],
      ["http:/oa.example.com:8080/a", "scheme://host"],
      ["//oa.example.com:8080/a", "not an absolute URL"],
      ["/v2/context/doc-1/content", "not an absolute URL"],
      ["", "not an absolute URL"],
      ["http://oa.example.com:8080%40evil.com/a", ""],
      ["http://0oa.example.com:8080/a", "host"],
      ["javascript://oa.example.com:8080/%0aalert(1)", "scheme"],
      ["http://oa.example.com%2eevil.com:8080/a", "host"],
      ["http://oa.example.com:8080:8080/a", ""],
    ];
    for (const [url, reason] of table) {
      const check = checkUrlWithinContext(url, CONTEXT);
      expect(check.ok, url).toBe(false);
      if (!check.ok) expect(check.reason, url).toContain(reason);
    }
  });

  it("assertUrlWithinContext names the field and picks the code", () => {
    const host = catchDocgate(() => assertUrlWithinContext("uploadUrl", "http://evil.com:8080/a", CONTEXT));
    expect(host.code).toBe("DOCGATE_HOST_NOT_ALLOWED");
    expect(host.detail).toBe("uploadUrl: host differs from the repo's context");
    const bad = catchDocgate(() => assertUrlWithinContext("downloadUrl", "not a url", CONTEXT));
    expect(bad.code).toBe("DOCGATE_PARAM_INVALID");
    expect(bad.detail).toMatch(/^downloadUrl: /);
  });
});
