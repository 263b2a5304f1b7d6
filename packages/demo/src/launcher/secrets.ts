// The demo's secrets: generated randomly on first run and kept in the data directory (0600), so there
// is no default password anywhere and a restart keeps links and editor tokens valid.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface DemoSecrets {
  /** The demo repo's HMAC secret, shared by docgate and the demo business system. */
  repoSecret: string;
  /** JWT secret shared by docgate and the ONLYOFFICE emulator. */
  emulatorJwtSecret: string;
}

function fresh(): string {
  return randomBytes(32).toString("base64url");
}

export function loadOrCreateSecrets(dataDir: string): { secrets: DemoSecrets; created: boolean } {
  const file = join(dataDir, "secrets.json");
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as Partial<DemoSecrets>;
    if (typeof stored.repoSecret === "string" && typeof stored.emulatorJwtSecret === "string") {
      return {
        secrets: { repoSecret: stored.repoSecret, emulatorJwtSecret: stored.emulatorJwtSecret },
        created: false,
      };
    }
  }
  const secrets: DemoSecrets = { repoSecret: fresh(), emulatorJwtSecret: fresh() };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return { secrets, created: true };
}
