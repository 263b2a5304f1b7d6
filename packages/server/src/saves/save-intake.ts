// What the ONLYOFFICE callback route hands to the save pipeline (spec: onlyoffice 4). The route
// verifies the callback token and resolves which session's params upload the save (the last editor's,
// else the owner's); the intake downloads DS's temporary `url`, stores it durably and records the job,
// and only then may the route answer {"error":0}. A thrown error means "not stored": answer HTTP 500
// so DS retries.

export interface AcceptSaveInput {
  /** document.key the callback is for. */
  key: string;
  /** 2/6 carry a url; 3/7 only when DS could still assemble a file. */
  status: 2 | 3 | 6 | 7;
  /** true for 2/3 (the session ends, the key rotates); false for 6/7 (forcesave: the key stays). */
  final: boolean;
  /** The callback's `url`, built on DS's public origin; rewritten to onlyoffice.internalUrl before use. */
  dsUrl: string;
  /** The callback's `filetype` (e.g. "docx"); the MIME type comes from it, else from fileName. */
  fileType?: string;
  lastEditorId?: string;
  repoId: string;
  docId: string;
  /** The session whose uploadUrl and params upload this save. */
  sessionId: string;
  fileName: string;
  /** Same value for the same save (DS retries a status 2): the second call stores nothing. */
  dedupeKey: string;
  forcesaveType?: number;
}

export interface SaveIntake {
  /** Resolves once the file is fsync'd in the spool and the job row is committed. */
  acceptSave(input: AcceptSaveInput): Promise<{ jobId: string; duplicate: boolean }>;
}
