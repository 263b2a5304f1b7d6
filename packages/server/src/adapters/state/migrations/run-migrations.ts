// Runs kysely's Migrator and turns its result object into an exception, so a failed migration stops
// start-up instead of leaving the server running against a half-built schema.
import { type Kysely, Migrator } from "kysely";
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, stateMigrationProvider } from "./index.js";

export async function runMigrations(db: Kysely<unknown>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: stateMigrationProvider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // Qualifying the bookkeeping tables matters on PostgreSQL: without it kysely's existence check
    // would find a docgate_migration table in any other schema of the database and skip creating ours.
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "(before any migration)";
    throw new Error(`state store migration ${failed} failed: ${describe(error)}`, { cause: error });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
