// Types of a verified entry (spec: zoffice-entry-protocol 1 and 4). The zod schemas that produce
// them live in entry/userinfo-schema.ts and entry/meta-schema.ts.

export type EntryAction = "view" | "edit";

export interface UserInfo {
  id: string;
  display_name: string;
  email: string;
  photo_url?: string;
}

export interface MetaPermissions {
  read: boolean;
  write: boolean;
  download: boolean;
  print: boolean;
  /** Defaults to download when absent (spec: entry 4). */
  copy: boolean;
}

export type MetaRole = "contributor" | "commenter" | "auditor";

export interface WaterMark {
  lines: string[];
  withDate: boolean;
  fontcolor: string;
  /** 0-100; smaller = more transparent. */
  transparent: number;
  /** Degrees 0-360; 315 leans left, 45 right, 0 flat. */
  rotation: number;
  fontsize: number;
  font: string;
  spacing: number;
}

export interface Meta {
  id: string;
  name: string;
  modified_at: string;
  size?: number;
  version?: string;
  created_at?: string;
  created_by: { id: string; name: string };
  owner?: { id: string; name: string };
  modified_by?: { id: string; name: string };
  permissions: MetaPermissions;
  role?: MetaRole;
  extension: { previewWithTrackChange: boolean; trackChangeForceOn: boolean };
  waterMark?: WaterMark;
}

/** A fully verified and decoded entry URL. */
export interface VerifiedEntry {
  repoId: string;
  docId: string;
  action: EntryAction;
  user: UserInfo;
  meta: Meta;
  downloadUrl: string;
  uploadUrl: string | null;
  params: Array<[string, string]>;
  ts: number;
  /** The replay fingerprint: ts (12 hex digits), ".", sha256 hex of the signed message. */
  fingerprint: string;
}
