// Builds a database as a docgate release with only migration 0001 left it, so the backend tests can
// check that today's migrate() upgrades it in place (edit sessions, migration 0002).
import { type Kysely, Migrator } from "kysely";
import { initialSchema } from "../../../src/adapters/state/migrations/0001-initial.js";
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from "../../../src/adapters/state/migrations/index.js";

export async function migrateInitialOnly(db: Kysely<unknown>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ "0001-initial": initialSchema }) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}

/** A documents row in the 0001 shape: no edit_key or edit_state columns. */
export const V0001_DOCUMENT = {
  repo_id: "repo-old",
  doc_id: "doc-old",
  modified_at: "2020-03-25T02:57:38.000Z",
  generation: 3,
  saved_modified_at: null,
  updated_at: 1_760_000_000_000,
};
