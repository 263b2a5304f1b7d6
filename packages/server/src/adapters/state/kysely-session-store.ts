// Sessions and entry replays: the two records a successful entry writes (spec: entry 2).
import type { ReplayStore, SessionRecord, SessionStore } from "@docgate/core";
import { rowToSession, sessionToRow } from "./row-mappers.js";
import type { StateDialect } from "./state-dialect.js";

export class KyselySessionStore implements SessionStore, ReplayStore {
  constructor(private readonly dialect: StateDialect) {}

  async createSession(session: SessionRecord): Promise<void> {
    await this.dialect.db.insertInto("sessions").values(sessionToRow(session)).execute();
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const row = await this.dialect.db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : rowToSession(row);
  }

  async settleBrowserBinding(id: string, bound: boolean): Promise<boolean | undefined> {
    // One statement: COALESCE keeps a value already settled, and RETURNING reports what is stored.
    // Two racing first requests serialise on the row; the loser sees the winner's value.
    const row = await this.dialect.db
      .updateTable("sessions")
      .set((eb) => ({ browser_bound: eb.fn.coalesce("browser_bound", eb.val(bound ? 1 : 0)) }))
      .where("id", "=", id)
      .returning("browser_bound")
      .executeTakeFirst();
    return row === undefined ? undefined : row.browser_bound !== 0;
  }

  async purgeExpiredSessions(now: number): Promise<number> {
    const result = await this.dialect.db.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async claimEntry(fingerprint: string, expiresAt: number): Promise<boolean> {
    // The primary key decides: of concurrent claimers (in any process) exactly one inserts a row.
    // A fingerprint that is past its expiresAt but not yet purged is still refused: replay rows outlive
    // the entry's timestamp window, so such an entry fails the ts check anyway, and refusing is safe.
    const result = await this.dialect.db
      .insertInto("entry_replays")
      .values({ fingerprint, expires_at: expiresAt })
      .onConflict((oc) => oc.column("fingerprint").doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async purgeExpiredEntries(now: number): Promise<number> {
    const result = await this.dialect.db.deleteFrom("entry_replays").where("expires_at", "<=", now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
