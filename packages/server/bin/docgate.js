#!/usr/bin/env node
// docgate runs its TypeScript sources directly through tsx: no build step between a clone and `npx docgate`.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
