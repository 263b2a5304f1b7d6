// `docgate saves list|retry|download`: the operator's view of the save pipeline, reading the same
// state store and spool as the server (--config). A retried save is picked up by the running server's
// worker at its next poll (saves.pollIntervalMs).
import { createWriteStream } from "node:fs";
import { basename, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { isDocgateError, type JobState } from "@docgate/core";
import { createStateStore } from "../adapters/state/create-state-store.js";
import { listSaves, openSaveFile, retrySave, type SaveView } from "../saves/saves-admin.js";
import { Spool } from "../saves/spool.js";
import { loadConfigFile } from "./load-config-file.js";

const HELP = `docgate saves: inspect and recover saves

  docgate saves list [--state pending|running|held|done] [--limit n] [--json]
  docgate saves retry <id>                    put a held save back in the queue (fresh retry budget)
  docgate saves download <id> [--out <file>]  write a save's file (kept until it is uploaded)

  --config <file>   docgate configuration (or env DOCGATE_CONFIG): where the state and spool are
`;

const STATES = ["pending", "running", "held", "done"];

function row(v: SaveView): string {
  const when = new Date(v.updatedAt).toISOString();
  const why = v.waitingFor ? `waiting for ${v.waitingFor}` : (v.lastError ?? "");
  const size = v.size === null ? "-" : String(v.size);
  return [v.id, v.state, `${v.repoId}/${v.docId}`, String(v.attempts), size, when, why.slice(0, 120)].join("\t");
}

export async function runSaves(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: "string", short: "c" },
      state: { type: "string" },
      limit: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string", short: "o" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [action, id] = positionals;
  if (values.help || !action) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  if (values.state !== undefined && !STATES.includes(values.state)) {
    process.stderr.write(`--state must be one of ${STATES.join(", ")}\n`);
    return 2;
  }
  if ((action === "retry" || action === "download") && !id) {
    process.stderr.write(`docgate saves ${action} needs a save id\n\n${HELP}`);
    return 2;
  }
  const { config } = loadConfigFile(values.config);
  const store = await createStateStore(config.state.url, { dataDir: config.server.dataDir });
  try {
    await store.migrate();
    const spool = new Spool(config.server.dataDir);
    switch (action) {
      case "list": {
        const limit = values.limit === undefined ? undefined : Number(values.limit);
        const saves = await listSaves(store, { state: values.state as JobState | undefined, limit });
        if (values.json) process.stdout.write(`${JSON.stringify(saves, null, 2)}\n`);
        else {
          process.stdout.write("id\tstate\tdocument\tattempts\tbytes\tupdated\treason\n");
          for (const v of saves) process.stdout.write(`${row(v)}\n`);
        }
        return 0;
      }
      case "retry": {
        const save = await retrySave(store, id!, Date.now());
        process.stdout.write(`${save.id} is pending again; the running docgate uploads it at its next poll\n`);
        return 0;
      }
      case "download": {
        const file = await openSaveFile(store, spool, id!);
        const out = resolve(values.out ?? `${id}-${basename(file.fileName.replace(/\\/g, "/")) || "save"}`);
        await pipeline(file.stream, createWriteStream(out, { flags: "wx" }));
        process.stdout.write(`${out}\t${file.size} bytes\t${file.mimeType}\n`);
        return 0;
      }
      default:
        process.stderr.write(`unknown saves action "${action}"\n\n${HELP}`);
        return 2;
    }
  } catch (err) {
    if (!isDocgateError(err)) throw err;
    process.stderr.write(`docgate saves: ${err.code}: ${err.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
