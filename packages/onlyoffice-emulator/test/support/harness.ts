// Starts an emulator and a fake docgate, builds signed editor configs, and drives editors over HTTP
// through the same endpoints api.js uses.
import { SignJWT } from "jose";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../src/index.js";
import { type FakeDocgate, startFakeDocgate } from "./fake-docgate.js";

export const SECRET = "test-secret-0123456789abcdef";

export interface Harness {
  emu: RunningEmulator;
  docgate: FakeDocgate;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<EmulatorOptions> = {}): Promise<Harness> {
  const docgate = await startFakeDocgate(SECRET, options.jwtHeader ?? "authorization");
  const emu = await startEmulator({
    port: 0,
    jwtSecret: SECRET,
    saveDelayMs: 50,
    downloadRetryIntervalMs: 20,
    callbackRetryBaseMs: 20,
    ...options,
  });
  return {
    emu,
    docgate,
    close: async () => {
      await emu.close();
      await docgate.close();
    },
  };
}

export interface ConfigInput {
  key: string;
  url: string;
  callbackUrl: string;
  mode?: "edit" | "view";
  fileType?: string;
  permissions?: Record<string, unknown>;
  user?: { id: string; name: string };
  customization?: Record<string, unknown>;
}

export const FULL_PERMISSIONS = {
  edit: true,
  review: true,
  comment: true,
  download: true,
  print: true,
  copy: true,
  chat: false,
  protect: true,
  fillForms: true,
};

export interface TestConfig {
  documentType: string;
  type: string;
  document: {
    fileType: string;
    key?: string;
    title: string;
    url?: string;
    permissions?: Record<string, unknown>;
    [k: string]: unknown;
  };
  editorConfig: { mode?: string; callbackUrl?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export function plainConfig(i: ConfigInput): TestConfig {
  const fileType = i.fileType ?? "docx";
  const documentType = { docx: "word", xlsx: "cell", pptx: "slide", pdf: "pdf" }[fileType] ?? "word";
  return {
    documentType,
    type: "desktop",
    document: {
      fileType,
      key: i.key,
      title: `Test.${fileType}`,
      url: i.url,
      permissions: i.permissions ?? FULL_PERMISSIONS,
    },
    editorConfig: {
      mode: i.mode ?? "edit",
      callbackUrl: i.callbackUrl,
      lang: "en",
      user: i.user ?? { id: "u1", name: "User One" },
      customization: i.customization ?? { forcesave: true },
    },
  };
}

export async function sign(claims: object, secret = SECRET): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .sign(new TextEncoder().encode(secret));
}

export async function signedConfig(i: ConfigInput): Promise<Record<string, unknown>> {
  const plain = plainConfig(i);
  return { ...plain, token: await sign(plain) };
}

export interface OpenedEditor {
  status: number;
  html: string;
  attrs: Record<string, string>;
  connectionId: string;
}

/** POSTs the config as api.js does (form-encoded) and reads the data attributes of #emulator-editor. */
export async function openEditor(emuUrl: string, config: unknown, handlers: string[] = []): Promise<OpenedEditor> {
  const res = await fetch(`${emuUrl}/emulator/editor`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      config: JSON.stringify(config),
      handlers: JSON.stringify(handlers),
      parentOrigin: "http://127.0.0.1:1",
    }),
  });
  const html = await res.text();
  const tag = /<main id="emulator-editor"([^>]*)>/.exec(html)?.[1] ?? "";
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/data-([a-z-]+)="([^"]*)"/g)) {
    attrs[m[1]!] = m[2]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  }
  return { status: res.status, html, attrs, connectionId: attrs["connection-id"] ?? "" };
}

export async function editorAction(
  emuUrl: string,
  connectionId: string,
  action: "insert" | "forcesave" | "close",
  body: unknown = {},
) {
  const res = await fetch(`${emuUrl}/emulator/editor/${connectionId}/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export async function command(emuUrl: string, fields: Record<string, unknown>, path = "/command") {
  const res = await fetch(`${emuUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: await sign(fields) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export async function download(url: string): Promise<{ status: number; bytes: Uint8Array }> {
  const res = await fetch(url);
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let counter = 0;
export function uniqueKey(prefix = "k"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
