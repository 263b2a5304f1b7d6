import type { EntryAction } from "../entry/types.js";
import { DocgateError } from "../errors/docgate-error.js";

// Engines declare what they can do; routing asks, it does not guess (ARCHITECTURE.md practice 3).
export type EngineId = "onlyoffice" | "builtin";
export type EnginePreference = "auto" | "onlyoffice" | "builtin";

export interface EngineCapabilities {
  id: EngineId;
  /** Extensions the engine can show read-only. */
  canView(extension: string): boolean;
  /** Extensions the engine can edit and save back in the same format. */
  canEdit(extension: string): boolean;
}

export interface EngineChoice {
  engine: EngineId;
}

/**
 * Picks the engine for a session (issue 4, item 1). Editing goes to an engine that can edit the
 * format, whatever the preference (the preference is about viewing). Viewing honours the preference
 * when that engine can show the format, otherwise falls back to any engine that can; auto prefers
 * ONLYOFFICE (same rendering as editing) when it is configured.
 */
export function chooseEngine(
  mode: EntryAction,
  extension: string,
  preference: EnginePreference,
  available: readonly EngineCapabilities[],
): EngineId {
  if (mode === "edit") {
    const editor = available.find((e) => e.canEdit(extension));
    if (editor) return editor.id;
    const why = available.some((e) => e.id === "onlyoffice")
      ? `".${extension}" files cannot be edited; editable formats are docx, xlsx and pptx`
      : "no editing engine (ONLYOFFICE Document Server) is configured";
    throw new DocgateError("DOCGATE_EDIT_UNSUPPORTED", { detail: why });
  }
  const order: EngineId[] = preference === "builtin" ? ["builtin", "onlyoffice"] : ["onlyoffice", "builtin"];
  for (const id of order) {
    const engine = available.find((e) => e.id === id);
    if (engine?.canView(extension)) return engine.id;
  }
  throw new DocgateError("DOCGATE_FORMAT_UNSUPPORTED", {
    detail: `".${extension || "(none)"}" files cannot be previewed`,
  });
}
