export { createStateStore } from "./adapters/state/create-state-store.js";
export { buildApp } from "./http/build-app.js";
export { createLogger } from "./logging/create-logger.js";
export { startServer } from "./start-server.js";
