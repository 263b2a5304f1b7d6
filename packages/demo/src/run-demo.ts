// `npm run demo`: starts the ONLYOFFICE emulator (or uses a real Document Server when ONLYOFFICE_URL
// and ONLYOFFICE_JWT_SECRET are set), docgate and the demo business system, seeds sample documents on
// the first run, prints the URLs, and on Ctrl-C / SIGTERM stops everything it started.
//
// Environment: DEMO_DATA_DIR (./data/demo), DOCGATE_PORT (8001), DEMO_PORT (9000), EMULATOR_PORT (8090),
// ONLYOFFICE_URL, ONLYOFFICE_JWT_SECRET, ONLYOFFICE_INTERNAL_URL, ONLYOFFICE_JWT_HEADER,
// DOCGATE_HOST, DOCGATE_INTERNAL_URL (for a Document Server in a container), DEMO_EMULATOR_SAVE_DELAY_MS (3000).
import { type LaunchedDemo, type LaunchOptions, launchDemo } from "./launcher/launch.js";

function log(line: string): void {
  process.stdout.write(`[demo] ${line}\n`);
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got ${raw}`);
  return n;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv): LaunchOptions {
  const dsUrl = env.ONLYOFFICE_URL?.trim();
  const dsSecret = env.ONLYOFFICE_JWT_SECRET?.trim();
  if (Boolean(dsUrl) !== Boolean(dsSecret)) {
    throw new Error("set both ONLYOFFICE_URL and ONLYOFFICE_JWT_SECRET to use a real Document Server (or neither)");
  }
  return {
    dataDir: env.DEMO_DATA_DIR || "./data/demo",
    docgatePort: port("DOCGATE_PORT", 8001),
    demoPort: port("DEMO_PORT", 9000),
    emulatorPort: port("EMULATOR_PORT", 8090),
    documentServer:
      dsUrl && dsSecret
        ? {
            url: dsUrl.replace(/\/+$/, ""),
            jwtSecret: dsSecret,
            internalUrl: env.ONLYOFFICE_INTERNAL_URL || undefined,
            jwtHeader: env.ONLYOFFICE_JWT_HEADER || undefined,
          }
        : undefined,
    docgateHost: env.DOCGATE_HOST || undefined,
    docgateInternalUrl: env.DOCGATE_INTERNAL_URL || undefined,
    emulatorSaveDelayMs: port("DEMO_EMULATOR_SAVE_DELAY_MS", 3000),
    startTimeoutMs: 60_000,
    log,
  };
}

function printReady(run: LaunchedDemo): void {
  const editor =
    run.editor.kind === "emulator"
      ? `ONLYOFFICE emulator at ${run.editor.publicUrl} (an emulator for tests, NOT the real Document Server)`
      : `ONLYOFFICE Document Server at ${run.editor.publicUrl}`;
  const lines = [
    "",
    "docgate demo is running.",
    `  Demo business system:  ${run.demoUrl}`,
    run.previewUrl ? `  Preview a sample:      ${run.previewUrl}   (${run.previewName})` : "",
    `  docgate:               ${run.docgateUrl}`,
    `  Editor:                ${editor}`,
    `  Data and logs:         ${run.dataDir}`,
    run.seeded > 0 ? `  Seeded ${run.seeded} sample documents (docx, xlsx, pptx, pdf, md, png).` : "",
    "Press Ctrl-C to stop.",
    "",
  ];
  process.stdout.write(`${lines.filter((l) => l !== "").join("\n")}\n`);
}

async function main(): Promise<number> {
  let options: LaunchOptions;
  try {
    options = optionsFromEnv(process.env);
  } catch (err) {
    log(err instanceof Error ? err.message : String(err));
    return 2;
  }
  // Signals that arrive while starting are honoured once start-up has settled.
  let stopRequested: NodeJS.Signals | undefined;
  let run: LaunchedDemo | undefined;
  let stopping: Promise<void> | undefined;
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  let firstSignalAt = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    // One Ctrl-C can arrive twice (the terminal signals the whole process group, and npm or tsx may
    // relay it): only a second signal well after the first means "force".
    if (stopping && Date.now() - firstSignalAt < 1500) return;
    if (stopping) {
      log(`${signal} again: killing everything now.`);
      run?.kill();
      finish(130);
      return;
    }
    stopRequested = signal;
    if (!run) return;
    firstSignalAt = Date.now();
    log(`${signal}: stopping docgate${run.editor.kind === "emulator" ? ", the emulator" : ""} and the demo...`);
    stopping = run.stop().then(
      () => {
        log("Stopped.");
        finish(0);
      },
      (err) => {
        log(`Stopping failed: ${err instanceof Error ? err.message : String(err)}`);
        run?.kill();
        finish(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGHUP", () => shutdown("SIGHUP"));
  // Last resort: if the launcher dies of an error, its children must not outlive it.
  process.on("exit", () => run?.kill());

  try {
    run = await launchDemo(options);
  } catch (err) {
    log(`Could not start the demo: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  for (const child of run.children) {
    child.exited.then((code) => {
      if (stopping) return;
      log(`${child.name} stopped unexpectedly (exit ${code}). Last log lines:\n${child.tail()}`);
      stopping = run!.stop().finally(() => finish(1));
    });
  }
  if (stopRequested) shutdown(stopRequested);
  else printReady(run);
  return done;
}

process.exitCode = await main();
// Handles left open by libraries must not keep a stopped demo alive.
setTimeout(() => process.exit(), 500).unref();
