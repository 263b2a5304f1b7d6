// A real HTTP server on 127.0.0.1 playing docgate: it serves documents to the emulator (checking
// the Bearer token as docgate must) and records the callbacks, answering as each test decides.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { jwtVerify } from "jose";

export interface FileRequest {
  path: string;
  authorization: string | undefined;
  claims?: Record<string, unknown>;
  tokenError?: string;
  status: number;
}

export interface ReceivedCallback {
  path: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
  bodyClaims?: Record<string, unknown>;
  headerClaims?: Record<string, unknown>;
  at: number;
}

export type CallbackAnswer = { status: number; body: string; delayMs?: number } | "destroy";

export interface FakeDocgate {
  url: string;
  files: Map<string, Uint8Array>;
  /** HTML pages served without a token (the business pages a browser loads). */
  pages: Map<string, string>;
  /** Statuses to answer for the next GETs of a path before serving it (e.g. [500, 503]). */
  failures: Map<string, number[]>;
  fileRequests: FileRequest[];
  callbacks: ReceivedCallback[];
  answer: (cb: ReceivedCallback, nth: number) => CallbackAnswer;
  waitForCallbacks(n: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function claimsOf(token: string | undefined, secret: string) {
  if (!token) return { error: "no token" };
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ["HS256"] });
    return { claims: payload as Record<string, unknown> };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

export async function startFakeDocgate(secret: string, headerName = "authorization"): Promise<FakeDocgate> {
  let server: Server | undefined;
  const fake: FakeDocgate = {
    url: "",
    files: new Map(),
    pages: new Map(),
    failures: new Map(),
    fileRequests: [],
    callbacks: [],
    answer: () => ({ status: 200, body: '{"error":0}' }),
    async waitForCallbacks(n, timeoutMs = 20_000) {
      const start = Date.now();
      while (fake.callbacks.length < n) {
        if (Date.now() - start > timeoutMs) {
          throw new Error(
            `expected ${n} callbacks, got ${fake.callbacks.length}: ${fake.callbacks.map((c) => c.body.status).join(",")}`,
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      return fake.callbacks.slice(0, n);
    },
    close: () =>
      new Promise((r) => {
        server!.close(() => r());
        server!.closeAllConnections();
      }),
  };
  server = createServer(async (req, res) => {
    const path = req.url ?? "/";
    const auth = req.headers[headerName.toLowerCase()] as string | undefined;
    const token = auth?.replace(/^Bearer /, "");
    const page = fake.pages.get(path);
    if (req.method === "GET" && page !== undefined) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(page);
      return;
    }
    if (req.method === "GET") {
      const { claims, error } = await claimsOf(token, secret);
      const record: FileRequest = { path, authorization: auth, claims, tokenError: error, status: 0 };
      fake.fileRequests.push(record);
      const failing = fake.failures.get(path);
      const file = fake.files.get(path);
      const expectedUrl = `${fake.url}${path}`;
      const payload = claims?.payload as { url?: string } | undefined;
      if (failing && failing.length > 0) record.status = failing.shift()!;
      else if (!claims || payload?.url !== expectedUrl) record.status = 403;
      else if (!file) record.status = 404;
      else record.status = 200;
      res.writeHead(record.status, { "content-type": "application/octet-stream" });
      res.end(record.status === 200 ? Buffer.from(file!) : "");
      return;
    }
    const text = (await readBody(req)).toString("utf8");
    const body = JSON.parse(text) as Record<string, unknown>;
    const cb: ReceivedCallback = { path, body, authorization: auth, at: Date.now() };
    cb.bodyClaims = (await claimsOf(body.token as string | undefined, secret)).claims;
    cb.headerClaims = (await claimsOf(token, secret)).claims;
    fake.callbacks.push(cb);
    const answer = fake.answer(cb, fake.callbacks.length);
    if (answer === "destroy") {
      req.socket.destroy();
      return;
    }
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(answer.body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
