export { type CreateStateStoreOptions, createStateStore } from "./create-state-store.js";
export { KyselyStateStore } from "./kysely-state-store.js";
