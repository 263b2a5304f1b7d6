// Tests that need a real tool never skip: a missing tool fails the test with a message that says
// how to install it (DEVELOPERS.md: under CI=true a missing tool must fail, not skip; we apply
// the same rule everywhere so a green run always means the real thing was exercised).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { Socket } from "node:net";

export const CHROMIUM_PATH = process.env.DOCGATE_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];
export const POSTGRES_URL = process.env.DOCGATE_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const REDIS_URL = process.env.DOCGATE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

function tcpOpen(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("error", () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

export async function requireTool(
  tool: "soffice" | "chromium" | "postgres" | "redis" | "python-uno" | "bwrap",
): Promise<void> {
  const fail = (how: string) => {
    throw new Error(`${tool} is required by this test and is not available: ${how} (bash .ci/run installs it)`);
  };
  switch (tool) {
    case "chromium":
      if (!existsSync(CHROMIUM_PATH)) fail(`no ${CHROMIUM_PATH}; apt-get install -y chromium`);
      return;
    case "soffice":
      if (!existsSync("/usr/bin/soffice"))
        fail("no /usr/bin/soffice; apt-get install -y libreoffice-writer libreoffice-calc libreoffice-impress");
      return;
    case "bwrap":
      try {
        const system = [
          "--ro-bind",
          "/usr",
          "/usr",
          "--symlink",
          "usr/lib",
          "/lib",
          "--symlink",
          "usr/lib64",
          "/lib64",
        ];
        execFileSync("/usr/bin/bwrap", ["--unshare-all", ...system, "/usr/bin/true"], { stdio: "ignore" });
      } catch {
        fail("/usr/bin/bwrap cannot create namespaces here; apt-get install -y bubblewrap");
      }
      return;
    case "python-uno":
      try {
        execFileSync("/usr/bin/python3", ["-c", "import uno"], { stdio: "ignore" });
      } catch {
        fail("/usr/bin/python3 cannot import uno; apt-get install -y python3-uno");
      }
      return;
    case "postgres": {
      const u = new URL(POSTGRES_URL);
      if (!(await tcpOpen(u.hostname, Number(u.port || 5432)))) fail(`nothing listens at ${u.host}`);
      return;
    }
    case "redis": {
      const u = new URL(REDIS_URL);
      if (!(await tcpOpen(u.hostname, Number(u.port || 6379)))) fail(`nothing listens at ${u.host}`);
      return;
    }
  }
}
