// What the demo's routes share.
import type { DocgateTarget } from "../entry-link.js";
import type { EditorInfo } from "../pages/layout.js";
import type { DocumentStore } from "../store/document-store.js";
import type { TokenStore } from "../store/token-store.js";

export interface DemoContext {
  documents: DocumentStore;
  tokens: TokenStore;
  /** The demo's origin as docgate reaches it: the repo's registered context. */
  context: string;
  docgate: DocgateTarget;
  editor: EditorInfo;
  /** How long a token handed to docgate stays valid (covers the editing session and save retries). */
  tokenTtlMs: number;
  maxUploadBytes: number;
  now(): number;
}
