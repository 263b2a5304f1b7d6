export type { CallbackRecord } from "./callbacks/callback-sender.js";
export { DS_ERRORS } from "./ds-errors.js";
export type { EmulatorOptions } from "./options.js";
export { DEFAULT_OPTIONS } from "./options.js";
export { type RunningEmulator, startEmulator } from "./start-emulator.js";
