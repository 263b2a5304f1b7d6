// What docgate knows about each document (spec: entry 5, caching and versions). Both writes are single
// upserts, so concurrent opens and saves of one document need no transaction.
import type { DocumentRecord, DocumentStore } from "@docgate/core";
import { sql } from "kysely";
import { rowToDocument } from "./row-mappers.js";
import type { StateDialect } from "./state-dialect.js";

export class KyselyDocumentStore implements DocumentStore {
  constructor(private readonly dialect: StateDialect) {}

  async getDocument(repoId: string, docId: string): Promise<DocumentRecord | undefined> {
    const row = await this.dialect.db
      .selectFrom("documents")
      .selectAll()
      .where("repo_id", "=", repoId)
      .where("doc_id", "=", docId)
      .executeTakeFirst();
    return row === undefined ? undefined : rowToDocument(row);
  }

  async observeDocument(repoId: string, docId: string, modifiedAt: string, now: number): Promise<DocumentRecord> {
    // An older modified_at can arrive after a newer one (a stale entry URL, or an open racing a save):
    // only a strictly newer value replaces the stored one, and only then does updated_at move.
    const collation = sql.raw(this.dialect.byteCollation);
    const isNewer = sql<boolean>`excluded.modified_at collate ${collation} > documents.modified_at collate ${collation}`;
    const row = await this.dialect.db
      .insertInto("documents")
      .values({
        repo_id: repoId,
        doc_id: docId,
        modified_at: modifiedAt,
        generation: 0,
        saved_modified_at: null,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(["repo_id", "doc_id"]).doUpdateSet({
          modified_at: sql<string>`case when ${isNewer} then excluded.modified_at else documents.modified_at end`,
          updated_at: sql<number>`case when ${isNewer} then excluded.updated_at else documents.updated_at end`,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowToDocument(row);
  }

  async recordSave(repoId: string, docId: string, savedModifiedAt: string, now: number): Promise<DocumentRecord> {
    // The business system's answer to our upload is by definition its newest version, so it is set
    // unconditionally. generation + 1 is evaluated under the row lock: concurrent saves each count.
    // A save for a document never observed starts at generation 1, as if observed at 0 first.
    const row = await this.dialect.db
      .insertInto("documents")
      .values({
        repo_id: repoId,
        doc_id: docId,
        modified_at: savedModifiedAt,
        generation: 1,
        saved_modified_at: savedModifiedAt,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(["repo_id", "doc_id"]).doUpdateSet((eb) => ({
          modified_at: eb.ref("excluded.modified_at"),
          saved_modified_at: eb.ref("excluded.saved_modified_at"),
          generation: eb("documents.generation", "+", 1),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowToDocument(row);
  }
}
