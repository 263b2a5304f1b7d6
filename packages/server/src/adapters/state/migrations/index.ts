// Migrations are listed in code rather than discovered on disk (kysely's FileMigrationProvider):
// the server may be bundled or run from TypeScript sources, and an explicit list cannot silently
// pick up a stray file. Names sort in application order; never rename or edit an applied one.
import type { Migration, MigrationProvider } from "kysely";
import { initialSchema } from "./0001-initial.js";
import { editSessions } from "./0002-edit-sessions.js";
import { editParticipants } from "./0003-edit-participants.js";

const migrations: Record<string, Migration> = {
  "0001-initial": initialSchema,
  "0002-edit-sessions": editSessions,
  "0003-edit-participants": editParticipants,
};

export const stateMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};

/** Table names of kysely's own bookkeeping, prefixed so they read as docgate's in a shared schema. */
export const MIGRATION_TABLE = "docgate_migration";
export const MIGRATION_LOCK_TABLE = "docgate_migration_lock";
