// What each engine can show and edit, from the format tables (ARCHITECTURE practice 3: engines declare
// capabilities, routing asks); the engines answer with these. Own keys only: with `in`, a file named
// "x.constructor" counted as a document ONLYOFFICE can show (every object has a constructor).
import type { EngineCapabilities, EngineId } from "./choose-engine.js";
import { LIBREOFFICE_FORMATS, NATIVE_FORMATS, ONLYOFFICE_DOCUMENT_TYPES, ONLYOFFICE_EDIT_FORMATS } from "./formats.js";

export const ENGINE_CAPABILITIES: Readonly<Record<EngineId, EngineCapabilities>> = Object.freeze({
  onlyoffice: {
    id: "onlyoffice",
    canView: (extension: string) => Object.hasOwn(ONLYOFFICE_DOCUMENT_TYPES, extension),
    canEdit: (extension: string) => ONLYOFFICE_EDIT_FORMATS.has(extension),
  },
  builtin: {
    id: "builtin",
    canView: (extension: string) => Object.hasOwn(NATIVE_FORMATS, extension) || LIBREOFFICE_FORMATS.has(extension),
    canEdit: () => false,
  },
});
