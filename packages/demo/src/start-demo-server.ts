// Runs the demo business system on a socket.
import { buildDemoApp, type DemoApp, type DemoAppOptions } from "./http/build-demo-app.js";

export interface RunningDemo extends DemoApp {
  /** The address it listens on, e.g. http://127.0.0.1:9000. */
  url: string;
}

export async function startDemoServer(options: DemoAppOptions & { port: number; host?: string }): Promise<RunningDemo> {
  const demo = buildDemoApp(options);
  try {
    await demo.app.listen({ port: options.port, host: options.host ?? "127.0.0.1" });
  } catch (err) {
    await demo.close();
    throw err;
  }
  const { port } = demo.app.server.address() as { port: number };
  return { ...demo, url: `http://${options.host ?? "127.0.0.1"}:${port}` };
}
