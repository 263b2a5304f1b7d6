import type { DocgateConfig, StateStore } from "@docgate/core";
import type { Logger } from "pino";
import type { BusinessClient } from "../adapters/source/index.js";
import { BuiltinEngine } from "./preview/builtin-engine.js";
import type { SessionEngine } from "./session-engine.js";

export interface EngineDeps {
  config: DocgateConfig;
  store: StateStore;
  logger: Logger;
  /** The one client for every call to a business system. */
  businessClient: BusinessClient;
  now(): number;
}

/** Builds the engines the configuration asks for, in routing preference order. */
export function createEngines(deps: EngineDeps): SessionEngine[] {
  const engines: SessionEngine[] = [];
  // The built-in preview is always available: it needs nothing but LibreOffice on this machine.
  const builtin = new BuiltinEngine(deps);
  // ONLYOFFICE, when configured, goes first unless preview.engine is "builtin" (chooseEngine also
  // honours the preference; this order is what any other consumer of the list sees).
  if (deps.config.preview.engine === "builtin") engines.unshift(builtin);
  else engines.push(builtin);
  return engines;
}
