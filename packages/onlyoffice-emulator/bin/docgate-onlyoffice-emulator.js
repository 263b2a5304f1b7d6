#!/usr/bin/env node
// Runs the TypeScript sources through tsx (no build step in this workspace).
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
