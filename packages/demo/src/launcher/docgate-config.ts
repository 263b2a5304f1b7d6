// The docgate configuration the launcher writes (docs/configuration.md): one repo for the demo
// business system, editing through the emulator or a real Document Server, preview built in.
import { join } from "node:path";

export const DEMO_REPO_ID = "demo";

export interface OnlyofficeTarget {
  publicUrl: string;
  internalUrl?: string;
  jwtSecret: string;
  jwtHeader?: string;
}

export interface DocgateConfigInput {
  dataDir: string;
  host: string;
  port: number;
  /** docgate as browsers reach it. */
  publicUrl: string;
  /** docgate as Document Server reaches it (document.url, callbackUrl). */
  internalUrl: string;
  repoSecret: string;
  /** The demo's origin as docgate calls it (the repo's context). */
  demoContext: string;
  /** Origins that may embed docgate in an iframe. */
  frameAncestors: readonly string[];
  onlyoffice: OnlyofficeTarget;
}

export function buildDocgateConfig(input: DocgateConfigInput): Record<string, unknown> {
  const dir = join(input.dataDir, "docgate");
  return {
    server: {
      host: input.host,
      port: input.port,
      publicUrl: input.publicUrl,
      internalUrl: input.internalUrl,
      dataDir: dir,
      logLevel: "info",
      shutdownGraceMs: 3000,
    },
    state: { url: `sqlite:${join(dir, "docgate.db")}` },
    onlyoffice: input.onlyoffice,
    // Two resident LibreOffice workers are plenty for one person trying the demo.
    preview: { workers: 2 },
    repos: [
      {
        id: DEMO_REPO_ID,
        secrets: [input.repoSecret],
        context: input.demoContext,
        headerPrefix: "x-",
        frameAncestors: [...input.frameAncestors],
        // Preview uses docgate's built-in engine (pdf.js viewer, watermark drawn); Edit uses ONLYOFFICE.
        previewEngine: "builtin",
      },
    ],
  };
}
