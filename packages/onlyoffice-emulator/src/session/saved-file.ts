// The file part of status 2 and 6 callbacks: url, changesurl, history, lastsave, filetype
// (spec: onlyoffice 4). Links are temporary and built on the origin the browser used.
import JSZip from "jszip";
import type { FileLinks } from "../store/file-links.js";
import type { KeyRecord } from "../store/key-records.js";

/** DS's history timestamps: "YYYY-MM-DD HH:MM:SS" in UTC. */
export function historyTime(d: Date): string {
  return d.toISOString().replace("T", " ").slice(0, 19);
}

export async function savedFileFields(
  record: KeyRecord,
  links: FileLinks,
  origin: string,
  serverVersion: string,
): Promise<Record<string, unknown>> {
  const folder = links.newFolder(record.key);
  const ext = record.fileType;
  const url = links.create(origin, record.key, `output.${ext}`, record.current, folder);
  const changes = record.changes.map((c) => ({
    created: historyTime(c.at),
    user: { id: c.user.id, name: c.user.name },
  }));
  const zip = new JSZip();
  zip.file(
    "changes.json",
    JSON.stringify(record.changes.map((c) => ({ created: historyTime(c.at), user: c.user, inserted: c.text }))),
  );
  const changesZip = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  const changesurl = links.create(origin, record.key, "changes.zip", changesZip, folder);
  const last = record.changes.at(-1)?.at ?? new Date();
  return {
    url,
    changesurl,
    history: { serverVersion, changes },
    filetype: ext,
    lastsave: last.toISOString(),
  };
}
