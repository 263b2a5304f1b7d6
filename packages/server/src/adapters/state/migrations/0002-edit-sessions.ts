// The live ONLYOFFICE editing session of each document (spec: onlyoffice 2, document.key). Both columns
// are NULL when no session is live. The unique index makes a key live for at most one document, and is
// what findDocumentByEditKey (every DS callback) looks rows up by; both dialects let many rows hold NULL.
// One column per ALTER TABLE: SQLite accepts no more.
import type { Kysely, Migration } from "kysely";

export const editSessions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("documents").addColumn("edit_key", "text").execute();
    // "editing" or "saving" (core EditState).
    await db.schema.alterTable("documents").addColumn("edit_state", "text").execute();
    await db.schema.createIndex("documents_edit_key").on("documents").column("edit_key").unique().execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    // The index first: SQLite refuses to drop an indexed column.
    await db.schema.dropIndex("documents_edit_key").ifExists().execute();
    await db.schema.alterTable("documents").dropColumn("edit_state").execute();
    await db.schema.alterTable("documents").dropColumn("edit_key").execute();
  },
};
