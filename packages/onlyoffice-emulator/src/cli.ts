// `docgate-onlyoffice-emulator --port 8090 --jwt-secret s3cret ...`
import { parseCli, USAGE } from "./cli-options.js";
import type { EmulatorOptions } from "./options.js";
import { startEmulator } from "./start-emulator.js";

async function main(): Promise<void> {
  let options: EmulatorOptions | "help";
  try {
    options = parseCli(process.argv.slice(2));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  try {
    const emu = await startEmulator(options);
    console.log(`ONLYOFFICE emulator (not the real Document Server) listening on ${emu.url}`);
    const stop = () => {
      emu.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
}

await main();
