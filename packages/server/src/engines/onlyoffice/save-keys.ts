// The save pipeline's dedupe key for a key's final save (spec: onlyoffice 4: the same status 2 can
// arrive twice): the callback hands it to the intake, and an open waiting for that save looks its job up.
import { saveJobId } from "../../saves/save-job.js";

export function finalSaveDedupeKey(key: string): string {
  return `onlyoffice:${key}:final`;
}

export function finalSaveJobId(key: string): string {
  return saveJobId(finalSaveDedupeKey(key));
}
