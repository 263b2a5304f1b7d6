// The key cache (spec: onlyoffice 2): one record per document.key, holding the file fetched once
// and the session state. A known key ignores a new document.url.
import type { EffectiveConfig } from "../config/editor-config.js";
import { DownloadError, type FetchAttempt, type FetchSettings, fetchDocument } from "../documents/fetch-document.js";

export type KeyPhase =
  /** fetched, nobody editing (a session may start) */
  | "idle"
  /** at least one editor connected */
  | "editing"
  /** last editor left with changes; status 2 is due after the save delay */
  | "closing"
  /** status 2 sent, answer not yet final: the key is already dead (spec: onlyoffice 2) */
  | "saving"
  /** status 2 done (acknowledged or forgotten): edit-opens get "version changed" */
  | "dead";

export interface Change {
  at: Date;
  user: { id: string; name: string };
  text: string;
}

export interface Connection {
  id: string;
  key: string;
  config: EffectiveConfig;
  editor: boolean;
  origin: string;
  joinedAt: string;
  state: "open" | "closed" | "dropped";
}

export interface EditorRef {
  id: string;
  callbackUrl: string;
  origin: string;
}

export interface KeyRecord {
  key: string;
  url: string;
  ignoredUrls: string[];
  fileType: string;
  title: string;
  original: Uint8Array;
  current: Uint8Array;
  phase: KeyPhase;
  deadSince?: string;
  saveOutcome?: "pending" | "acknowledged" | "forgotten";
  /** Resolves when a status 2 in flight has its final outcome. */
  saveDone?: Promise<void>;
  connections: Map<string, Connection>;
  changes: Change[];
  changesSinceForcesave: number;
  forcesaves: number;
  /** The user who made the last change (the `users` of status 2 and command forcesaves). */
  lastEditor?: EditorRef;
  /** The last editor who left (whose callbackUrl receives status 2 / 4). */
  lastLeaver?: EditorRef;
  saveTimer?: NodeJS.Timeout;
  /** Serialises the callbacks of one key, so they are sent in order. */
  chain: Promise<unknown>;
  /** Serialises the edits of one key. */
  editChain: Promise<unknown>;
}

export class KeyRecords {
  private readonly records = new Map<string, KeyRecord>();
  private readonly inflight = new Map<string, Promise<KeyRecord>>();
  readonly fetches: FetchAttempt[] = [];

  constructor(private readonly fetchSettings: FetchSettings) {}

  get(key: string): KeyRecord | undefined {
    return this.records.get(key);
  }

  all(): KeyRecord[] {
    return [...this.records.values()];
  }

  /** The record for config.key, fetching document.url only if the key is new. */
  async obtain(config: EffectiveConfig): Promise<KeyRecord> {
    const known = this.records.get(config.key);
    if (known) {
      if (config.url !== known.url && !known.ignoredUrls.includes(config.url)) known.ignoredUrls.push(config.url);
      return known;
    }
    let pending = this.inflight.get(config.key);
    if (!pending) {
      pending = this.fetchNew(config).finally(() => this.inflight.delete(config.key));
      this.inflight.set(config.key, pending);
    } else {
      pending.then(
        (r) => {
          if (config.url !== r.url && !r.ignoredUrls.includes(config.url)) r.ignoredUrls.push(config.url);
        },
        () => {},
      );
    }
    return pending;
  }

  private async fetchNew(config: EffectiveConfig): Promise<KeyRecord> {
    const bytes = await fetchDocument(config.url, this.fetchSettings, (a) => this.fetches.push(a));
    const record: KeyRecord = {
      key: config.key,
      url: config.url,
      ignoredUrls: [],
      fileType: config.fileType,
      title: config.title,
      original: bytes,
      current: bytes,
      phase: "idle",
      connections: new Map(),
      changes: [],
      changesSinceForcesave: 0,
      forcesaves: 0,
      chain: Promise.resolve(),
      editChain: Promise.resolve(),
    };
    this.records.set(config.key, record);
    return record;
  }
}

export { DownloadError };
