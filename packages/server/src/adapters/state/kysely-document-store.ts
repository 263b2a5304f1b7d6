// What docgate knows about each document (spec: entry 5, caching and versions) and its live ONLYOFFICE
// session (spec: onlyoffice 2). Every write is a single upsert or conditional UPDATE, so concurrent opens,
// callbacks and saves of one document need no transaction.
import type { BeginEditResult, DocumentRecord, DocumentStore, EditState } from "@docgate/core";
import { sql } from "kysely";
import { rowToDocument } from "./row-mappers.js";
import type { StateDialect } from "./state-dialect.js";

const EDITING: EditState = "editing";
const SAVING: EditState = "saving";

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

  async recordSave(
    repoId: string,
    docId: string,
    savedModifiedAt: string,
    now: number,
    options: { final?: boolean; key?: string } = {},
  ): Promise<DocumentRecord> {
    const final = options.final ?? true;
    const { key } = options;
    // Which live session a final save ends: its own (by key), or whatever is live (no key given).
    const ends = key === undefined ? sql<boolean>`true` : sql<boolean>`documents.edit_key = ${key}`;
    // The business system's answer to our upload is by definition its newest version, so it is set
    // unconditionally. generation + 1 is evaluated under the row lock: concurrent saves each count.
    // A final save for a document never observed starts at generation 1, as if observed at 0 first.
    // A forcesave leaves generation and the session alone: the key must not change while the session
    // lives (spec: onlyoffice 2); a final save ends the session in the same statement.
    const row = await this.dialect.db
      .insertInto("documents")
      .values({
        repo_id: repoId,
        doc_id: docId,
        modified_at: savedModifiedAt,
        generation: final ? 1 : 0,
        saved_modified_at: savedModifiedAt,
        edit_key: null,
        edit_state: null,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(["repo_id", "doc_id"]).doUpdateSet((eb) => ({
          modified_at: eb.ref("excluded.modified_at"),
          saved_modified_at: eb.ref("excluded.saved_modified_at"),
          updated_at: eb.ref("excluded.updated_at"),
          ...(final
            ? {
                generation: eb("documents.generation", "+", 1),
                edit_key: sql<string | null>`case when ${ends} then null else documents.edit_key end`,
                edit_state: sql<string | null>`case when ${ends} then null else documents.edit_state end`,
              }
            : {}),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowToDocument(row);
  }

  // The edit-session transitions below are each one conditional UPDATE. Its WHERE clause and CASE
  // expressions read the row under the row lock the UPDATE takes (PostgreSQL re-evaluates both against
  // the newest committed version when it had to wait for a concurrent writer; SQLite runs the whole
  // statement under the database write lock), so no transition acts on a state another process has
  // already changed, and no read-then-write race exists.

  async beginEdit(repoId: string, docId: string, candidateKey: string, now: number): Promise<BeginEditResult> {
    // With no live session the candidate becomes the key; otherwise the row is left as it is and the
    // caller joins the live key or waits for the save (spec: onlyoffice 2). A concurrent caller with
    // another candidate therefore finds this one's key already set and joins it.
    const idle = sql<boolean>`edit_key is null`;
    const row = await this.dialect.db
      .updateTable("documents")
      .set({
        edit_key: sql<string>`case when ${idle} then ${candidateKey} else edit_key end`,
        edit_state: sql<string>`case when ${idle} then ${EDITING} else edit_state end`,
        updated_at: sql<number>`case when ${idle} then ${now} else updated_at end`,
      })
      .where("repo_id", "=", repoId)
      .where("doc_id", "=", docId)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) {
      throw new Error(`beginEdit: document ${repoId}/${docId} was never observed (call observeDocument first)`);
    }
    const document = rowToDocument(row);
    // After the UPDATE a key is always set: "editing" is joined, anything else ("saving") waits.
    if (document.editState === EDITING && document.editKey !== null) {
      return { outcome: "joined", key: document.editKey, document };
    }
    return { outcome: "wait-for-save", document };
  }

  async findDocumentByEditKey(key: string): Promise<DocumentRecord | undefined> {
    const row = await this.dialect.db
      .selectFrom("documents")
      .selectAll()
      .where("edit_key", "=", key)
      .executeTakeFirst();
    return row === undefined ? undefined : rowToDocument(row);
  }

  async markEditSaving(key: string, now: number): Promise<boolean> {
    // A repeated status 2 for the same key (DS retries a callback it got no answer to) still finds the
    // key live, so it answers true again without moving updated_at.
    const row = await this.dialect.db
      .updateTable("documents")
      .set({
        edit_state: SAVING,
        updated_at: sql<number>`case when edit_state = ${SAVING} then updated_at else ${now} end`,
      })
      .where("edit_key", "=", key)
      .returning("repo_id")
      .executeTakeFirst();
    return row !== undefined;
  }

  endEdit(key: string, now: number): Promise<boolean> {
    // A saving session is not ended by a status 4: its save still has to be recorded.
    return this.#endSession(key, EDITING, now, { nextGeneration: false });
  }

  async resumeEdit(repoId: string, docId: string, key: string, now: number): Promise<boolean> {
    // spec: onlyoffice 4, status 1 after a 4 (network loss). The key becomes live again only if no
    // session is live; the same key already editing is a no-op success. A key that is saving is dead
    // for editing (spec: onlyoffice 2), so resuming it is refused like any other live key.
    const row = await this.dialect.db
      .updateTable("documents")
      .set({
        edit_key: key,
        edit_state: EDITING,
        updated_at: sql<number>`case when edit_key is null then ${now} else updated_at end`,
      })
      .where("repo_id", "=", repoId)
      .where("doc_id", "=", docId)
      .where((eb) =>
        eb.or([eb("edit_key", "is", null), eb.and([eb("edit_key", "=", key), eb("edit_state", "=", EDITING)])]),
      )
      .returning("repo_id")
      .executeTakeFirst();
    return row !== undefined;
  }

  abandonSave(key: string, now: number): Promise<boolean> {
    // Only a key that is still saving: a save that did arrive meanwhile (recordSave) already ended it.
    // The next generation, so the next open derives a fresh key rather than the dead one.
    return this.#endSession(key, SAVING, now, { nextGeneration: true });
  }

  /** Ends key's session if it is live in `state`; one conditional UPDATE. Returns whether it did. */
  async #endSession(key: string, state: EditState, now: number, o: { nextGeneration: boolean }): Promise<boolean> {
    const row = await this.dialect.db
      .updateTable("documents")
      .set((eb) => ({
        edit_key: null,
        edit_state: null,
        updated_at: now,
        ...(o.nextGeneration ? { generation: eb("generation", "+", 1) } : {}),
      }))
      .where("edit_key", "=", key)
      .where("edit_state", "=", state)
      .returning("repo_id")
      .executeTakeFirst();
    return row !== undefined;
  }

  async recordEditor(key: string, userId: string, sessionId: string, now: number): Promise<void> {
    await this.dialect.db
      .insertInto("edit_participants")
      .values({ edit_key: key, user_id: userId, session_id: sessionId, joined_at: now })
      .onConflict((oc) =>
        oc.columns(["edit_key", "user_id"]).doUpdateSet((eb) => ({
          session_id: eb.ref("excluded.session_id"),
          joined_at: eb.ref("excluded.joined_at"),
        })),
      )
      .execute();
  }

  async editorSession(key: string, userId: string): Promise<string | undefined> {
    const row = await this.dialect.db
      .selectFrom("edit_participants")
      .select("session_id")
      .where("edit_key", "=", key)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row?.session_id;
  }

  async purgeEditors(before: number): Promise<number> {
    const result = await this.dialect.db
      .deleteFrom("edit_participants")
      .where("joined_at", "<", before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
