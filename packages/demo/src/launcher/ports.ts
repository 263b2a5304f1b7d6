// Ports for the three services: the preferred one when it is free, otherwise any free one (and the
// launcher says so). There is a moment between the check and the real listen; good enough for a demo.
import { createServer } from "node:net";

function tryListen(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen({ port, host, exclusive: true }, () => {
      const bound = (server.address() as { port: number }).port;
      server.close(() => resolve(bound));
    });
  });
}

export interface PickedPort {
  port: number;
  /** True when the preferred port was busy. */
  fellBack: boolean;
}

/** The preferred port if free, else a free one. `taken` avoids handing out the same port twice. */
export async function pickPort(preferred: number, host: string, taken: ReadonlySet<number>): Promise<PickedPort> {
  if (preferred !== 0 && !taken.has(preferred)) {
    const got = await tryListen(preferred, host);
    if (got !== undefined) return { port: got, fellBack: false };
  }
  for (let i = 0; i < 20; i++) {
    const got = await tryListen(0, host);
    if (got !== undefined && !taken.has(got)) return { port: got, fellBack: preferred !== 0 };
  }
  throw new Error(`no free port on ${host}`);
}
