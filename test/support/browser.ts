import { type Browser, chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH, requireTool } from "./require-tool.js";

/** Launches the system Chromium (never a downloaded browser) headless, with the flags this machine needs. */
export async function launchChromium(): Promise<Browser> {
  await requireTool("chromium");
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
