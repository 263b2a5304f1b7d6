// Who opened each live ONLYOFFICE key, from which docgate session (spec: onlyoffice 4, "which user's
// credentials upload a save: the user in `users` (the last editor)"). DS names users by
// editorConfig.user.id; a save uploads with the params of the session that user edited from. Kept in
// the database, not in one process's memory, so the right params are used after a restart and by
// whichever docgate instance receives the callback.
import type { Kysely, Migration } from "kysely";

export const editParticipants: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("edit_participants")
      .addColumn("edit_key", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("session_id", "text", (c) => c.notNull())
      .addColumn("joined_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("edit_participants_pk", ["edit_key", "user_id"])
      .execute();
    // purgeEditors scans by age.
    await db.schema.createIndex("edit_participants_joined_at").on("edit_participants").column("joined_at").execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("edit_participants").ifExists().execute();
  },
};
