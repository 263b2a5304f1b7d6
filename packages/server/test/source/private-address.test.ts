// config: repos[].allowPrivateNetwork. A host name resolving to a private address is refused at connect
// time (so DNS rebinding cannot slip past); a context registered as an IP literal is allowed as is.
// The address classification itself is core's isPrivateAddress, tested in packages/core.
import { afterEach, describe, expect, it } from "vitest";
import type { BusinessClient, LookupFunction } from "../../src/adapters/source/types.js";
import { readAll, rejection, repoFor, startServer, type TestServer, testClient } from "./support.js";

let server: TestServer | undefined;
let client: BusinessClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  server = client = undefined;
});

/** A resolver that answers every name with 127.0.0.1, standing in for a rebinding DNS server. */
const toLoopback = ((_host: string, options: unknown, callback: (...args: unknown[]) => void) => {
  const all = typeof options === "object" && options !== null && (options as { all?: boolean }).all;
  if (all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
  else callback(null, "127.0.0.1", 4);
}) as unknown as LookupFunction;

describe("private-address guard at connect time", () => {
  it("refuses localhost when the context is a host name and allowPrivateNetwork is false", async () => {
    server = await startServer((_req, res) => res.end("x"));
    client = testClient();
    const context = `http://localhost:${server.port}`;
    const err = await rejection(client.download({ url: `${context}/f`, repo: repoFor(context), params: [] }));
    expect(err).toMatchObject({ code: "DOCGATE_PRIVATE_ADDRESS", retryable: false });
    expect(server.requestLines).toEqual([]);
  });

  it("allows the same server through an IP-literal context", async () => {
    server = await startServer((_req, res) => res.end("x"));
    client = testClient();
    const result = await client.download({ url: `${server.origin}/f`, repo: repoFor(server.origin), params: [] });
    expect((await readAll(result.body)).toString()).toBe("x");
  });

  it("allows localhost when the repo sets allowPrivateNetwork", async () => {
    server = await startServer((_req, res) => res.end("x"));
    client = testClient();
    const context = `http://localhost:${server.port}`;
    const repo = repoFor(context, { allowPrivateNetwork: true });
    const result = await client.download({ url: `${context}/f`, repo, params: [] });
    expect((await readAll(result.body)).toString()).toBe("x");
  });

  it("checks the address actually dialled: a public-looking name resolving to loopback is refused", async () => {
    server = await startServer((_req, res) => res.end("x"));
    client = testClient({ lookup: toLoopback });
    const context = `http://docs.example.test:${server.port}`;
    const err = await rejection(client.download({ url: `${context}/f`, repo: repoFor(context), params: [] }));
    expect(err["code"]).toBe("DOCGATE_PRIVATE_ADDRESS");
    expect(err["detail"]).toContain("127.0.0.1");
    // With the repo's permission the same resolution is used and the request arrives.
    const allowed = await client.download({
      url: `${context}/f`,
      repo: repoFor(context, { allowPrivateNetwork: true }),
      params: [],
    });
    await readAll(allowed.body);
    expect(server.requestLines).toEqual(["GET /f HTTP/1.1"]);
  });
});
