// What a session may actually do (spec: entry 4, permissions.read / permissions.write).
import { DocgateError } from "../errors/docgate-error.js";
import type { EntryAction, MetaPermissions } from "./types.js";

export type ReadOnlyReason = "write_permission_false";

export interface EffectiveMode {
  effectiveMode: EntryAction;
  /** Why an edit request opens read-only (a message id for the page); null otherwise. */
  readOnlyReason: ReadOnlyReason | null;
}

/**
 * read=false refuses to open at all; write=false turns an edit request into a read-only view that
 * says why, instead of an error (spec: entry 4, "an edit request opens read-only, saying so").
 */
export function decideEffectiveMode(
  action: EntryAction,
  permissions: Pick<MetaPermissions, "read" | "write">,
): EffectiveMode {
  if (!permissions.read) {
    throw new DocgateError("DOCGATE_PERMISSION_DENIED", { detail: "meta.permissions.read is false" });
  }
  if (action === "edit" && !permissions.write) {
    return { effectiveMode: "view", readOnlyReason: "write_permission_false" };
  }
  return { effectiveMode: action, readOnlyReason: null };
}
