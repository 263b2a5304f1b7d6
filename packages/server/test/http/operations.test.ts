import type { StateStore } from "@docgate/core";
import { afterEach, describe, expect, it } from "vitest";
import { signTestUrl, TEST_SECRET, targetOf } from "../../../../test/support/entry-fixtures.js";
import { CONTEXT, createTestApp, PUBLIC_URL, type TestApp } from "../support/test-app.js";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("operations basics", () => {
  it("answers /healthz and /readyz, with a request id on every response", async () => {
    t = await createTestApp();
    const health = await t.app.inject({ url: "/healthz" });
    expect(health.json()).toEqual({ status: "ok" });
    expect(health.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await t.app.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    const traced = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "proxy-abc.123" } });
    expect(traced.headers["x-request-id"]).toBe("proxy-abc.123");
    const forged = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "a\u0000b<script>" } });
    expect(forged.headers["x-request-id"]).not.toContain("<");
  });

  it("/readyz fails with DOCGATE_UNAVAILABLE when the state store does not answer", async () => {
    t = await createTestApp();
    const broken = Object.create(t.store) as StateStore;
    broken.ping = async () => {
      throw new Error("connection refused");
    };
    const t2 = await createTestApp({}, broken);
    const res = await t2.app.inject({ url: "/readyz", headers: { accept: "application/json" } });
    await t2.app.close();
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe("DOCGATE_UNAVAILABLE");
  });

  it("turns an unexpected failure into a generic 500 and logs its stack, never showing it", async () => {
    t = await createTestApp();
    const broken = Object.create(t.store) as StateStore;
    broken.getSession = async () => {
      throw new Error("disk on fire at /secret/path");
    };
    const t2 = await createTestApp({}, broken);
    const res = await t2.app.inject({ url: `/s/${"B".repeat(43)}`, headers: { accept: "text/html" } });
    const json = await t2.app.inject({ url: `/s/${"B".repeat(43)}`, headers: { accept: "application/json" } });
    const logs = t2.logs();
    await t2.app.close();
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain("DOCGATE_INTERNAL");
    expect(res.body).not.toContain("disk on fire");
    expect(json.json().error.code).toBe("DOCGATE_INTERNAL");
    expect(JSON.stringify(json.json())).not.toContain("disk on fire");
    expect(logs).toContain("disk on fire");
    expect(logs).toMatch(/"stack":".*operations\.test/);
    // The error line goes through request.log (made on first use) and carries that request's id.
    const errored = logs.split("\n").filter((l) => l.includes('"unexpected error"'));
    expect(errored.map((l) => JSON.parse(l).reqId)).toEqual([
      res.headers["x-request-id"],
      json.headers["x-request-id"],
    ]);
  });

  it("never logs the HMAC, the secret, params credentials, userinfo or the binding cookie", async () => {
    t = await createTestApp();
    const url = targetOf(
      signTestUrl({ baseUrl: PUBLIC_URL, context: CONTEXT, params: "zdocs_access_token=SeCrEtToKeN99" }),
    );
    const hmac = new URL(`http://x${url}`).searchParams.get("HMAC") as string;
    const entry = await t.app.inject({ url, headers: { accept: "text/html" } });
    const cookie = (entry.headers["set-cookie"] as string[]).map((c) => c.split(";")[0]).join("; ");
    const binding = cookie.split(";")[0]?.split("=")[1] as string;
    await t.app.inject({ url: new URL(entry.headers.location as string).pathname, headers: { cookie } });
    await t.app.inject({ url, headers: { accept: "application/json" } }); // replay, logged as rejected
    const logs = t.logs();
    // One line per request, carrying its request id.
    const opened = logs.split("\n").filter((l) => l.includes('"session opened"'));
    expect(opened).toHaveLength(1);
    expect(JSON.parse(opened[0]!)).toMatchObject({ reqId: entry.headers["x-request-id"], res: { statusCode: 303 } });
    for (const secret of [hmac, TEST_SECRET, "SeCrEtToKeN99", "zhangsan@example.com", binding]) {
      expect(logs).not.toContain(secret);
    }
    for (const line of logs.trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
  });
});
