// A TCP tripwire for the hostile-document corpus: five listeners on 127.0.0.1 that stand in for the
// http, https, ftp, WebDAV and SMB servers the documents try to reach. What counts is the accepted
// TCP connection, not whether the client got as far as a valid request: a sandbox that lets the
// connect() through has already failed, whatever the protocol did next.
import { createServer, type Server, type Socket } from "node:net";
import type { HostileTargets } from "../../packages/server/test/preview/fixtures/hostile.js";

export type ProbeKind = "http" | "https" | "ftp" | "webdav" | "smb";
const KINDS: readonly ProbeKind[] = ["http", "https", "ftp", "webdav", "smb"];

export interface ProbeConnection {
  /** Milliseconds since the epoch when the connection was accepted. */
  at: number;
  /** The first bytes the client sent (at most FIRST_BYTES), to see what reached the port. */
  firstBytes: Buffer;
}

export interface ProbePort {
  kind: ProbeKind;
  port: number;
  connections: ProbeConnection[];
}

export interface Probe {
  ports: Record<ProbeKind, number>;
  /** Every TCP connection accepted so far, on all five ports. */
  connections(): number;
  byPort(): ProbePort[];
  targets(local: Pick<HostileTargets, "localImage" | "localPdf" | "localText">): HostileTargets;
  close(): Promise<void>;
}

const HOST = "127.0.0.1";
const FIRST_BYTES = 1024;
/** A client that goes quiet is dropped, so a document waiting on a reply cannot hang a test. */
const IDLE_MS = 3000;

/** 1x1 opaque white PNG: what an uncontained LibreOffice gets for a linked image. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC",
  "base64",
);

export async function startProbe(): Promise<Probe> {
  const ports = {} as Record<ProbeKind, number>;
  const records = {} as Record<ProbeKind, ProbeConnection[]>;
  const sockets = new Set<Socket>();
  const servers: Server[] = [];
  for (const kind of KINDS) {
    records[kind] = [];
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
      const record: ProbeConnection = { at: Date.now(), firstBytes: Buffer.alloc(0) };
      records[kind].push(record);
      serve(kind, socket, record);
    });
    servers.push(server);
    ports[kind] = await listen(server);
  }
  return {
    ports,
    connections: () => KINDS.reduce((sum, kind) => sum + records[kind].length, 0),
    byPort: () => KINDS.map((kind) => ({ kind, port: ports[kind], connections: [...records[kind]] })),
    targets: (local) => ({
      host: HOST,
      httpPort: ports.http,
      httpsPort: ports.https,
      ftpPort: ports.ftp,
      webdavPort: ports.webdav,
      smbPort: ports.smb,
      ...local,
    }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, HOST, () => resolve((server.address() as { port: number }).port));
  });
}

/** Records what arrives and answers just enough that an unconfined client goes on to fetch. */
function serve(kind: ProbeKind, socket: Socket, record: ProbeConnection): void {
  socket.setTimeout(IDLE_MS, () => socket.destroy());
  socket.on("error", () => socket.destroy());
  let received = Buffer.alloc(0);
  let answered = false;
  if (kind === "ftp") socket.write("220 probe\r\n");
  socket.on("data", (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    record.firstBytes = received.subarray(0, FIRST_BYTES);
    if (answered) return;
    const reply = answer(kind, received);
    if (reply === undefined) return; // wait for the rest of the request
    answered = true;
    if (reply) socket.end(reply);
    else socket.destroy();
  });
}

/**
 * The reply for what a client has sent so far: bytes to send before closing, null to just close
 * (TLS, SMB: nothing a probe can usefully say), or undefined while an HTTP request is incomplete.
 */
function answer(kind: ProbeKind, received: Buffer): Buffer | null | undefined {
  if (kind === "ftp") return Buffer.from("421 probe closing\r\n");
  if (kind !== "http" && kind !== "webdav") return null;
  const request = completeHttpRequest(received);
  if (request === undefined) return undefined;
  if (request === null) return null;
  return httpResponse(request.method);
}

/** Method of a complete HTTP/1 request (headers and any Content-Length body), null if not HTTP. */
function completeHttpRequest(received: Buffer): { method: string } | null | undefined {
  const text = received.toString("latin1");
  // Until the request line is complete, anything that starts like a method may still become one.
  if (!text.includes("\n")) return /^[A-Z]{0,16}( |$)/.test(text) ? undefined : null;
  const requestLine = /^([A-Z]+) \S+ HTTP\/1\.[01]\r?\n/.exec(text);
  if (!requestLine) return null;
  const headerEnd = text.indexOf("\r\n\r\n");
  if (headerEnd < 0) return undefined;
  const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, headerEnd))?.[1] ?? 0);
  return received.length >= headerEnd + 4 + length ? { method: requestLine[1]! } : undefined;
}

function httpResponse(method: string): Buffer {
  const head =
    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n" + `Content-Length: ${PNG.length}\r\nConnection: close\r\n\r\n`;
  return method === "HEAD" ? Buffer.from(head) : Buffer.concat([Buffer.from(head), PNG]);
}
