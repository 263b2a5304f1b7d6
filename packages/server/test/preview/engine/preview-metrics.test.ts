// The preview counters for operators: GET /admin/metrics/preview in the Prometheus text format,
// only with admin.token configured and presented.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BusinessSystem, createPreviewApp, type PreviewApp, startBusinessSystem } from "./harness.js";
import { getRendition } from "./support.js";

const TOKEN = "admin-token-0123456789abcdef";
let business: BusinessSystem;
let t: PreviewApp;

beforeAll(async () => {
  business = await startBusinessSystem();
  t = await createPreviewApp(business, { admin: { token: TOKEN } });
});

afterAll(async () => {
  await t?.close();
  await business?.close();
});

describe("GET /admin/metrics/preview", () => {
  it("reports cache hits and misses, downloads and failures by code", async () => {
    business.files.set("m", Buffer.from("metrics"));
    await getRendition(t.app, await t.open("m", { name: "m.txt" }));
    await getRendition(t.app, await t.open("m", { name: "m.txt" }));
    await getRendition(t.app, await t.open("absent", { name: "absent.txt" }));
    const res = await t.app.inject({ url: "/admin/metrics/preview", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    expect(res.body).toMatch(/^docgate_preview_cache_hits_total 1$/m);
    expect(res.body).toMatch(/^docgate_preview_cache_misses_total 2$/m);
    expect(res.body).toMatch(/^docgate_preview_downloads_total 2$/m);
    expect(res.body).toMatch(/^docgate_preview_failures_total\{code="DOCGATE_UPSTREAM_STATUS"\} 1$/m);
    expect(res.body).toMatch(/^# TYPE docgate_preview_cache_bytes gauge$/m);
  });

  it("refuses a request without the admin token", async () => {
    const res = await t.app.inject({ url: "/admin/metrics/preview", headers: { authorization: "Bearer wrong" } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("DOCGATE_UNAUTHORIZED");
  });

  it("does not exist when admin.token is not configured", async () => {
    const bare = await createPreviewApp(business);
    try {
      expect((await bare.app.inject({ url: "/admin/metrics/preview" })).statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
