// The first schema. Column types are the portable subset both SQLite and PostgreSQL accept with the
// same meaning (text, integer, bigint); see ../database.ts for why JSON is text and booleans integers.
// Migrations receive the un-typed Kysely because they describe the schema at their own point in
// history, not today's StateDatabase.
import type { Kysely, Migration } from "kysely";

export const initialSchema: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("browser_binding_hash", "text", (c) => c.notNull())
      .addColumn("browser_bound", "integer")
      .addColumn("repo_id", "text", (c) => c.notNull())
      .addColumn("doc_id", "text", (c) => c.notNull())
      .addColumn("requested_action", "text", (c) => c.notNull())
      .addColumn("effective_mode", "text", (c) => c.notNull())
      .addColumn("read_only_reason", "text")
      .addColumn("user_json", "text", (c) => c.notNull())
      .addColumn("meta_json", "text", (c) => c.notNull())
      .addColumn("download_url", "text", (c) => c.notNull())
      .addColumn("upload_url", "text")
      .addColumn("params_json", "text", (c) => c.notNull())
      .addColumn("engine", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .execute();
    // purgeExpiredSessions scans by expiry.
    await db.schema.createIndex("sessions_expires_at").on("sessions").column("expires_at").execute();

    await db.schema
      .createTable("entry_replays")
      .addColumn("fingerprint", "text", (c) => c.primaryKey())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("entry_replays_expires_at").on("entry_replays").column("expires_at").execute();

    await db.schema
      .createTable("documents")
      .addColumn("repo_id", "text", (c) => c.notNull())
      .addColumn("doc_id", "text", (c) => c.notNull())
      .addColumn("modified_at", "text", (c) => c.notNull())
      .addColumn("generation", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("saved_modified_at", "text")
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("documents_pk", ["repo_id", "doc_id"])
      .execute();

    await db.schema
      .createTable("jobs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("repo_id", "text", (c) => c.notNull())
      .addColumn("doc_id", "text", (c) => c.notNull())
      .addColumn("dedupe_key", "text", (c) => c.notNull())
      .addColumn("payload_json", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
      .addColumn("last_error", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    // The unique index is what makes enqueueJob idempotent under concurrency (ON CONFLICT target).
    await db.schema.createIndex("jobs_dedupe_key").on("jobs").column("dedupe_key").unique().execute();
    // claimDueJob: due work of one kind, oldest due first.
    await db.schema.createIndex("jobs_claim").on("jobs").columns(["kind", "state", "next_attempt_at"]).execute();
    // listJobs by state (the admin view of held jobs).
    await db.schema.createIndex("jobs_state_created").on("jobs").columns(["state", "created_at"]).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ["jobs", "documents", "entry_replays", "sessions"]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
