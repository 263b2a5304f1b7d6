// Starts everything `npm run demo` needs: the ONLYOFFICE emulator (unless a real Document Server is
// configured), docgate, and the demo business system (in this process), with the sample documents.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import type { EditorInfo } from "../pages/layout.js";
import { seedSampleDocuments } from "../seed.js";
import { type RunningDemo, startDemoServer } from "../start-demo-server.js";
import { type ManagedChild, spawnManaged, waitForHealthy } from "./child-process.js";
import { buildDocgateConfig, DEMO_REPO_ID, type OnlyofficeTarget } from "./docgate-config.js";
import { pickPort } from "./ports.js";
import { loadOrCreateSecrets } from "./secrets.js";

export interface LaunchOptions {
  dataDir: string;
  docgatePort: number;
  demoPort: number;
  emulatorPort: number;
  /** A real Document Server; when absent the emulator is started. */
  documentServer?: { url: string; jwtSecret: string; internalUrl?: string; jwtHeader?: string };
  /** docgate's address as Document Server reaches it (a real DS in a container cannot use 127.0.0.1). */
  docgateInternalUrl?: string;
  /** Interface docgate listens on (0.0.0.0 when a DS container must reach it). */
  docgateHost?: string;
  /** The emulator's delay between the last editor leaving and its save callback (DS: about 10 s). */
  emulatorSaveDelayMs: number;
  startTimeoutMs: number;
  log(line: string): void;
}

export interface LaunchedDemo {
  demoUrl: string;
  previewUrl: string | undefined;
  previewName: string | undefined;
  docgateUrl: string;
  editor: EditorInfo;
  dataDir: string;
  seeded: number;
  children: ManagedChild[];
  demo: RunningDemo;
  /** Stops docgate and the emulator (SIGTERM, then SIGKILL after graceMs), then the demo server. */
  stop(graceMs?: number): Promise<void>;
  /** Kills every child's process group at once (second Ctrl-C). */
  kill(): void;
}

const LOOPBACK = "127.0.0.1";

function binOf(pkg: string, bin: string): string {
  // Each workspace package exports ./src/index.ts; its bin lives in ../bin.
  const entry = createRequire(import.meta.url).resolve(pkg);
  return join(dirname(entry), "..", "bin", bin);
}

export async function launchDemo(options: LaunchOptions): Promise<LaunchedDemo> {
  const dataDir = resolve(options.dataDir);
  const logs = join(dataDir, "logs");
  mkdirSync(logs, { recursive: true });
  const { secrets, created } = loadOrCreateSecrets(dataDir);
  if (created) options.log(`Generated new random secrets in ${join(dataDir, "secrets.json")}`);

  const taken = new Set<number>();
  const pick = async (label: string, preferred: number, host: string) => {
    const picked = await pickPort(preferred, host, taken);
    taken.add(picked.port);
    if (picked.fellBack) options.log(`Port ${preferred} (${label}) is busy; using ${picked.port} instead.`);
    return picked.port;
  };
  const docgateHost = options.docgateHost ?? LOOPBACK;
  const docgatePort = await pick("docgate", options.docgatePort, docgateHost);
  const demoPort = await pick("demo business system", options.demoPort, LOOPBACK);
  const emulatorPort = options.documentServer
    ? undefined
    : await pick("ONLYOFFICE emulator", options.emulatorPort, LOOPBACK);

  const children: ManagedChild[] = [];
  let demo: RunningDemo | undefined;
  const stop = async (graceMs = 15_000) => {
    await Promise.all(children.map((c) => c.stop(graceMs)));
    await demo?.close();
  };
  const kill = () => {
    for (const c of children) {
      if (c.child.pid !== undefined && c.child.exitCode === null && c.child.signalCode === null) {
        try {
          process.kill(-c.child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    }
  };

  try {
    let onlyoffice: OnlyofficeTarget;
    let editor: EditorInfo;
    if (options.documentServer) {
      onlyoffice = {
        publicUrl: options.documentServer.url,
        jwtSecret: options.documentServer.jwtSecret,
        ...(options.documentServer.internalUrl ? { internalUrl: options.documentServer.internalUrl } : {}),
        ...(options.documentServer.jwtHeader ? { jwtHeader: options.documentServer.jwtHeader } : {}),
      };
      editor = { kind: "document-server", publicUrl: options.documentServer.url };
    } else {
      const url = `http://${LOOPBACK}:${emulatorPort}`;
      const emulator = spawnManaged(
        "ONLYOFFICE emulator",
        process.execPath,
        [
          binOf("@docgate/onlyoffice-emulator", "docgate-onlyoffice-emulator.js"),
          "--host",
          LOOPBACK,
          "--port",
          String(emulatorPort),
          "--save-delay-ms",
          String(options.emulatorSaveDelayMs),
        ],
        {
          cwd: dataDir,
          // The secret goes through the environment, not argv (visible to every user in ps).
          env: { ...process.env, DOCGATE_EMULATOR_JWT_SECRET: secrets.emulatorJwtSecret },
          logFile: join(logs, "emulator.log"),
        },
      );
      children.push(emulator);
      await waitForHealthy(`${url}/healthcheck`, emulator, options.startTimeoutMs);
      onlyoffice = { publicUrl: url, jwtSecret: secrets.emulatorJwtSecret };
      editor = { kind: "emulator", publicUrl: url };
    }

    const docgateUrl = `http://${LOOPBACK}:${docgatePort}`;
    const demoContext = `http://${LOOPBACK}:${demoPort}`;
    const demoUrl = `http://localhost:${demoPort}`;
    const configFile = join(dataDir, "docgate.json");
    const config = buildDocgateConfig({
      dataDir,
      host: docgateHost,
      port: docgatePort,
      publicUrl: docgateUrl,
      internalUrl: options.docgateInternalUrl ?? docgateUrl,
      repoSecret: secrets.repoSecret,
      demoContext,
      // Browsers treat localhost and 127.0.0.1 as different sites: the demo page on localhost embeds
      // docgate on 127.0.0.1, a real cross-site iframe.
      frameAncestors: [demoUrl, demoContext],
      onlyoffice,
    });
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    const docgate = spawnManaged(
      "docgate",
      process.execPath,
      [binOf("@docgate/server", "docgate.js"), "serve", "--config", configFile],
      { cwd: dataDir, env: { ...process.env }, logFile: join(logs, "docgate.log") },
    );
    children.push(docgate);
    await waitForHealthy(`${docgateUrl}/healthz`, docgate, options.startTimeoutMs);

    demo = await startDemoServer({
      host: LOOPBACK,
      port: demoPort,
      dataDir: join(dataDir, "business"),
      context: demoContext,
      docgate: { publicUrl: docgateUrl, repoId: DEMO_REPO_ID, secret: secrets.repoSecret },
      editor,
      logFile: join(logs, "demo.log"),
    });
    const seeded = await seedSampleDocuments(demo.ctx.documents);
    const docs = demo.ctx.documents.listDocuments();
    const sample = docs.find((d) => d.name.endsWith(".docx")) ?? docs[0];
    return {
      demoUrl: `${demoUrl}/`,
      previewUrl: sample ? `${demoUrl}/open/${encodeURIComponent(sample.id)}?action=view` : undefined,
      previewName: sample?.name,
      docgateUrl,
      editor,
      dataDir,
      seeded: seeded.length,
      children,
      demo,
      stop,
      kill,
    };
  } catch (err) {
    await stop(5_000);
    throw err;
  }
}
