// meta → ONLYOFFICE mode, permissions and review settings: the table in spec onlyoffice 1 ("Role
// mapping used by docgate"), with meta's fields as spec entry 4 defines them.
import type { EntryAction, Meta } from "../entry/types.js";

export type OnlyofficeDocumentType = "word" | "cell" | "slide" | "pdf";

/** Every permission docgate sends; all explicit, because DS's defaults are permissive (spec: onlyoffice 1). */
export interface EditorPermissions {
  edit: boolean;
  review: boolean;
  comment: boolean;
  fillForms: boolean;
  download: boolean;
  print: boolean;
  copy: boolean;
  chat: boolean;
  protect: boolean;
  modifyFilter: boolean;
  modifyContentControl: boolean;
  editCommentAuthorOnly: boolean;
  deleteCommentAuthorOnly: boolean;
}

export interface ReviewCustomization {
  trackChanges?: boolean;
  reviewDisplay?: "markup" | "simple" | "final" | "original";
  showReviewChanges?: boolean;
}

export interface RoleMappingInput {
  documentType: OnlyofficeDocumentType;
  /** The session's effective mode: write=false already turned an edit request into view (spec: entry 4). */
  mode: EntryAction;
  meta: Pick<Meta, "permissions" | "role" | "extension">;
  /** onlyoffice.chat from the configuration. */
  chat: boolean;
  /** A watermark will be drawn (meta.waterMark or the repo's template). */
  watermarked: boolean;
}

export interface RoleMapping {
  mode: EntryAction;
  permissions: EditorPermissions;
  /** customization.review; absent for documents other than text. */
  review?: ReviewCustomization;
  /** Set when the role, not meta.permissions.write, makes this a read-only open. */
  readOnlyBecause?: "role_auditor";
}

type Grants = Pick<EditorPermissions, "edit" | "review" | "comment">;

const VIEW: Grants = { edit: false, review: false, comment: false };

/**
 * Rows, in precedence order (the most restrictive role wins when meta combines them):
 * auditor → view with all changes shown; view (or write=false) → view; commenter → comment only;
 * trackChangeForceOn → review only, tracking on (edit false is what stops the user turning tracking
 * off); otherwise a contributor. Only text documents look at role and the extension flags.
 */
export function mapRole(input: RoleMappingInput): RoleMapping {
  const text = input.documentType === "word";
  const role = text ? input.meta.role : undefined;
  const flags = text ? input.meta.extension : { previewWithTrackChange: false, trackChangeForceOn: false };

  let mode: EntryAction = input.mode;
  let grants: Grants;
  let review: ReviewCustomization | undefined;
  let readOnlyBecause: RoleMapping["readOnlyBecause"];
  if (role === "auditor") {
    if (mode === "edit") readOnlyBecause = "role_auditor";
    mode = "view";
    grants = VIEW;
    review = { reviewDisplay: "markup", showReviewChanges: true };
  } else if (mode === "view") {
    grants = VIEW;
    if (text) review = { reviewDisplay: flags.previewWithTrackChange ? "markup" : "original" };
  } else if (role === "commenter") {
    grants = { edit: false, review: false, comment: true };
  } else if (flags.trackChangeForceOn) {
    grants = { edit: false, review: true, comment: true };
    review = { trackChanges: true };
  } else {
    grants = { edit: true, review: true, comment: true };
  }

  const mapping: RoleMapping = {
    mode,
    permissions: { ...grants, ...extraPermissions(mode, grants, role === "commenter"), ...exportPermissions(input) },
  };
  if (review) mapping.review = review;
  if (readOnlyBecause) mapping.readOnlyBecause = readOnlyBecause;
  return mapping;
}

/** Permissions the table leaves implicit, set so DS's permissive defaults never apply. */
function extraPermissions(mode: EntryAction, g: Grants, commenter: boolean) {
  const editing = mode === "edit";
  return {
    // DS's own default is edit || review; a commenter fills no forms.
    fillForms: editing && (g.edit || g.review),
    // Only a full editor may protect the document or change content controls and shared filters.
    protect: editing && g.edit,
    modifyFilter: editing && g.edit,
    modifyContentControl: editing && g.edit,
    // Someone who may only comment must not rewrite or delete other people's comments.
    editCommentAuthorOnly: commenter,
    deleteCommentAuthorOnly: commenter,
  };
}

/**
 * download/print/copy come from meta (spec: entry 4): download=false also means no copying text out,
 * so copy needs both. chat is off unless configured. A watermark is drawn on screen and in print but
 * is not in the file and not covered by DS's permission checks (spec: onlyoffice 1): when the business
 * system asks for a secure view (it does not let the user take the file away: download=false), a
 * watermarked document also gets print=false and copy=false, since printing produces a PDF the user
 * can keep and copied text carries no watermark. A watermark on a document the business system lets
 * the user download changes nothing: it is not a secure view, and docgate never narrows what meta grants
 * for that case.
 */
function exportPermissions(input: RoleMappingInput): Pick<EditorPermissions, "download" | "print" | "copy" | "chat"> {
  const p = input.meta.permissions;
  const secureView = input.watermarked && !p.download;
  return {
    download: p.download,
    print: secureView ? false : p.print,
    copy: secureView ? false : p.copy && p.download,
    chat: input.chat,
  };
}
