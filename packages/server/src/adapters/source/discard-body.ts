// Releasing a response body docgate does not need (a redirect, an oversized file, the rest of an
// error page). undici reports a body destroyed before its end as an "aborted" error event; nobody is
// listening for that here, and an unheard error event would crash the process.
import type { Readable } from "node:stream";

export function discardBody(body: Readable): void {
  body.on("error", () => {});
  body.destroy();
}
