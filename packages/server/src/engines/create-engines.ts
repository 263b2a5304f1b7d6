import type { DocgateConfig, StateStore } from "@docgate/core";
import type { Logger } from "pino";
import type { BusinessClient } from "../adapters/source/index.js";
import type { SaveIntake } from "../saves/save-intake.js";
import { OnlyofficeEngine } from "./onlyoffice/onlyoffice-engine.js";
import { BuiltinEngine } from "./preview/builtin-engine.js";
import type { SessionEngine } from "./session-engine.js";

export interface EngineDeps {
  config: DocgateConfig;
  store: StateStore;
  logger: Logger;
  /** The one client for every call to a business system. */
  businessClient: BusinessClient;
  now(): number;
  /** The save pipeline's intake, for DS's save callbacks (present when onlyoffice.* is configured). */
  saveIntake?: SaveIntake;
}

/** Builds the engines the configuration asks for, in routing preference order. */
export function createEngines(deps: EngineDeps): SessionEngine[] {
  const engines: SessionEngine[] = [];
  const { onlyoffice } = deps.config;
  if (onlyoffice) {
    engines.push(
      new OnlyofficeEngine({ ...deps, config: { ...deps.config, onlyoffice }, saveIntake: deps.saveIntake }),
    );
  }
  // The built-in preview is always available: it needs nothing but LibreOffice on this machine.
  const builtin = new BuiltinEngine(deps);
  // ONLYOFFICE, when configured, goes first unless preview.engine is "builtin" (chooseEngine also
  // honours the preference; this order is what any other consumer of the list sees).
  if (deps.config.preview.engine === "builtin") engines.unshift(builtin);
  else engines.push(builtin);
  return engines;
}
