import type { DocgateConfig, StateStore } from "@docgate/core";
import type { Logger } from "pino";
import type { BusinessClient } from "../adapters/source/index.js";
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
export function createEngines(_deps: EngineDeps): SessionEngine[] {
  const engines: SessionEngine[] = [];
  return engines;
}
