export * from "./config/load-config.js";
export * from "./config/schema.js";
export * from "./entry/types.js";
export * from "./errors/catalogue.js";
export * from "./errors/docgate-error.js";
export * from "./ports/state-store.js";
