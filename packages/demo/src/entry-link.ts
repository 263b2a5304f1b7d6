// The one place the demo builds docgate entry URLs, always through @docgate/sdk (spec: entry 1-2).
// Called when the user clicks, right before the redirect: the URL is valid for seconds and works once.
import { signEntryUrl } from "@docgate/sdk";
import { tokenParams } from "./auth/callback-credentials.js";
import type { DocumentRecord, VersionRecord } from "./store/document-store.js";
import { type DemoUser, findUser } from "./users.js";

export interface DocgateTarget {
  /** docgate as browsers reach it. */
  publicUrl: string;
  repoId: string;
  secret: string;
}

export interface EntryLinkInput {
  docgate: DocgateTarget;
  /** The demo's origin as docgate reaches it: the repo's registered context (spec: entry 3, host rule). */
  context: string;
  user: DemoUser;
  document: DocumentRecord;
  version: VersionRecord;
  action: "view" | "edit";
  /** The token docgate will hand back on its calls to downloadUrl/uploadUrl. */
  token: string;
  ts?: number;
}

export function contentUrl(context: string, docId: string): string {
  return `${context}/api/docs/${encodeURIComponent(docId)}/content`;
}

/** meta for this user and version (spec: entry 4): the version's modified_at, the user's rights. */
export function buildMeta(input: Pick<EntryLinkInput, "user" | "document" | "version">): Record<string, unknown> {
  const { user, document, version } = input;
  const creator = findUser(document.createdBy);
  return {
    id: document.id,
    name: document.name,
    size: version.size,
    version: String(version.n),
    created_at: document.createdAt,
    modified_at: version.modifiedAt,
    created_by: { id: creator?.userinfoId ?? document.createdBy, name: creator?.displayName ?? document.createdBy },
    ...user.rights,
  };
}

export function buildEntryUrl(input: EntryLinkInput): string {
  const url = contentUrl(input.context, input.document.id);
  return signEntryUrl({
    baseUrl: input.docgate.publicUrl,
    repoId: input.docgate.repoId,
    secret: input.docgate.secret,
    docId: input.document.id,
    action: input.action,
    userinfo: {
      id: input.user.userinfoId,
      display_name: input.user.displayName,
      email: input.user.email,
      photo_url: "",
    },
    meta: buildMeta(input),
    downloadUrl: url,
    uploadUrl: input.action === "edit" ? url : undefined,
    params: tokenParams(input.token),
    ts: input.ts,
  });
}
