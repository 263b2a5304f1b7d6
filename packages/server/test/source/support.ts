// Real loopback HTTP servers for the business-client tests. Only 127.0.0.1 is ever bound or dialled.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createBusinessClient } from "../../src/adapters/source/index.js";
import type { BusinessClient, BusinessClientOptions, RepoTarget } from "../../src/adapters/source/types.js";

export interface TestServer {
  port: number;
  origin: string;
  server: Server;
  /** `METHOD target HTTP/x.y` of every request received, in order. */
  requestLines: string[];
  close(): Promise<void>;
}

export async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const requestLines: string[] = [];
  const server = createServer((req, res) => {
    requestLines.push(`${req.method} ${req.url} HTTP/${req.httpVersion}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    server,
    requestLines,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function repoFor(context: string, overrides: Partial<RepoTarget> = {}): RepoTarget {
  return { context, allowPrivateNetwork: false, headerPrefix: "x-", ...overrides };
}

export function testClient(overrides: Partial<BusinessClientOptions> = {}): BusinessClient {
  return createBusinessClient({
    connectTimeoutMs: 2_000,
    idleTimeoutMs: 5_000,
    totalTimeoutMs: 30_000,
    maxDownloadBytes: 100 * 1024 * 1024,
    maxRedirects: 3,
    ...overrides,
  });
}

/** Collects a request body (for servers that must read the upload before answering). */
export async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Awaits a promise expected to reject and returns the reason, failing the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the promise to reject");
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
