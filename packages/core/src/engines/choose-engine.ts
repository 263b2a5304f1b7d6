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
  // Loops, not find() with closures: this runs on every entry.
  if (mode === "edit") {
    for (const engine of available) if (engine.canEdit(extension)) return engine.id;
    const why = byId(available, "onlyoffice")
      ? `".${extension}" files cannot be edited; editable formats are docx, xlsx and pptx`
      : "no editing engine (ONLYOFFICE Document Server) is configured";
    throw new DocgateError("DOCGATE_EDIT_UNSUPPORTED", { detail: why });
  }
  const order = preference === "builtin" ? BUILTIN_FIRST : ONLYOFFICE_FIRST;
  for (const id of order) {
    if (byId(available, id)?.canView(extension)) return id;
  }
  throw new DocgateError("DOCGATE_FORMAT_UNSUPPORTED", {
    detail: `".${extension || "(none)"}" files cannot be previewed`,
  });
}

const BUILTIN_FIRST: readonly EngineId[] = ["builtin", "onlyoffice"];
const ONLYOFFICE_FIRST: readonly EngineId[] = ["onlyoffice", "builtin"];

function byId(available: readonly EngineCapabilities[], id: EngineId): EngineCapabilities | undefined {
  for (const engine of available) if (engine.id === id) return engine;
  return undefined;
}
