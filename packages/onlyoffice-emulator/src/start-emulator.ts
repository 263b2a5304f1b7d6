// Programmatic start: `const emu = await startEmulator({ port: 0, jwtSecret })`.
import { buildApp } from "./app.js";
import type { CallbackRecord } from "./callbacks/callback-sender.js";
import type { FetchAttempt } from "./documents/fetch-document.js";
import { type EmulatorOptions, type ResolvedOptions, resolveOptions } from "./options.js";
import { describeConnection, describeKey } from "./routes/inspection-routes.js";
import { simulateNetworkLoss } from "./session/session-controls.js";

export interface RunningEmulator {
  /** Base URL the emulator listens on (the public URL, if one was configured, is in `options`). */
  url: string;
  options: ResolvedOptions;
  close(): Promise<void>;
  /** State inspectors for tests (the same data as GET /emulator/*). */
  keys(): ReturnType<typeof describeKey>[];
  key(key: string): ReturnType<typeof describeKey> | undefined;
  sessions(): ReturnType<typeof describeConnection>[];
  callbacks(): CallbackRecord[];
  fetches(): FetchAttempt[];
  forgotten(): ReturnType<import("./store/forgotten-files.js").ForgottenFiles["list"]>;
  /** Resolves with the first callback (sent, with its final outcome) matching `predicate`. */
  waitForCallback(predicate: (r: CallbackRecord) => boolean, timeoutMs?: number): Promise<CallbackRecord>;
  simulateNetworkLoss(key: string): Promise<number[]>;
}

export async function startEmulator(input: EmulatorOptions): Promise<RunningEmulator> {
  const options = resolveOptions(input);
  const { app, ctx } = buildApp(options);
  const address = await app.listen({ port: options.port, host: options.host });
  const url = address.replace("://[::1]", "://localhost");
  return {
    url,
    options,
    close: () => app.close(),
    keys: () => ctx.keys.all().map(describeKey),
    key: (k) => {
      const r = ctx.keys.get(k);
      return r ? describeKey(r) : undefined;
    },
    sessions: () => [...ctx.connections.values()].filter((c) => c.state === "open").map(describeConnection),
    callbacks: () => [...ctx.sender.log],
    fetches: () => [...ctx.keys.fetches],
    forgotten: () => ctx.forgotten.list(),
    waitForCallback(predicate, timeoutMs = 30_000) {
      const done = ctx.sender.log.find((r) => r.outcome !== "pending" && predicate(r));
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`no matching callback within ${timeoutMs} ms`));
        }, timeoutMs);
        const off = ctx.sender.onSettled((r) => {
          if (!predicate(r)) return;
          clearTimeout(timer);
          off();
          resolve(r);
        });
      });
    },
    simulateNetworkLoss: async (k) => {
      const r = ctx.keys.get(k);
      if (!r) throw new Error(`unknown key ${k}`);
      return simulateNetworkLoss(ctx, r);
    },
  };
}
