// Row shapes of the state tables as kysely sees them. Both dialects store the same types:
// - timestamps are epoch ms in BIGINT columns; pg would return int8 as a string (it may exceed 2^53),
//   so the pg pool parses int8 as a number (postgres-dialect.ts), which is exact for epoch ms;
// - JSON is TEXT, so both dialects round-trip it byte for byte and no JSONB normalisation applies;
// - booleans are INTEGER 0/1 because better-sqlite3 cannot bind JS booleans and one class writes both.

/** Epoch milliseconds in a BIGINT column. */
export type Millis = number;

export interface SessionsTable {
  id: string;
  browser_binding_hash: string;
  /** NULL until settled, then 1 (bound) or 0 (cookie refused). */
  browser_bound: number | null;
  repo_id: string;
  doc_id: string;
  requested_action: string;
  effective_mode: string;
  read_only_reason: string | null;
  user_json: string;
  meta_json: string;
  download_url: string;
  upload_url: string | null;
  params_json: string;
  engine: string | null;
  created_at: Millis;
  expires_at: Millis;
}

export interface EntryReplaysTable {
  fingerprint: string;
  expires_at: Millis;
}

export interface DocumentsTable {
  repo_id: string;
  doc_id: string;
  modified_at: string;
  generation: number;
  saved_modified_at: string | null;
  /** document.key of the live ONLYOFFICE session; NULL when none (migration 0002). */
  edit_key: string | null;
  /** "editing" or "saving" while edit_key is set, else NULL. */
  edit_state: string | null;
  updated_at: Millis;
}

export interface JobsTable {
  id: string;
  kind: string;
  state: string;
  repo_id: string;
  doc_id: string;
  dedupe_key: string;
  payload_json: string;
  attempts: number;
  /** Due time while pending; lease expiry while running (an expired lease makes the job claimable again). */
  next_attempt_at: Millis;
  last_error: string | null;
  created_at: Millis;
  updated_at: Millis;
}

/** Who opened a live ONLYOFFICE key to edit, from which session (migration 0003). */
export interface EditParticipantsTable {
  edit_key: string;
  user_id: string;
  session_id: string;
  joined_at: Millis;
}

export interface StateDatabase {
  sessions: SessionsTable;
  entry_replays: EntryReplaysTable;
  documents: DocumentsTable;
  jobs: JobsTable;
  edit_participants: EditParticipantsTable;
}
