// The sandbox every LibreOffice worker runs in (docs/security.md, "The preview sandbox"). Built from
// bubblewrap, which Debian ships: each worker gets
//   - its own empty network namespace (only a loopback that nothing listens on): no link of any
//     scheme can leave, whatever LibreOffice's filters try;
//   - its own user, pid, IPC and UTS namespaces, no capabilities, and a private /tmp;
//   - a filesystem of the LibreOffice installation, python and fonts read-only, its own profile
//     directory, the current job's input directory read-only and its output directory. The data
//     directory, the cache, the spool, other workers and the rest of the host are not there.
// The sandbox keeps docgate's uid (docs/decisions.md, "The preview sandbox"): run docgate as an
// unprivileged user, as the Docker image does.
// A shell outside the sandbox removes the worker's directory once the sandbox ends, so a server
// killed with SIGKILL leaves nothing behind (the worker inside notices its stdin closing).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export type SandboxMode = "required" | "preferred" | "off";

export interface SandboxState {
  mode: SandboxMode;
  /** Workers really run sandboxed. */
  active: boolean;
  /** Why not, when they do not (or "off" by configuration). */
  reason?: string;
}

/** The host directories of one worker; `in` is read-only inside the sandbox. */
export interface WorkerLayout {
  dir: string;
  profile: string;
  in: string;
  out: string;
}

/** bubblewrap's path; DOCGATE_BWRAP overrides it (e.g. where it is installed elsewhere). */
const BWRAP = process.env.DOCGATE_BWRAP ?? "/usr/bin/bwrap";

// Read-only system paths the worker needs: the interpreter and LibreOffice (all under /usr on a
// merged-/usr Debian), font configuration, LibreOffice's registry and the dynamic linker's cache.
const SYSTEM_BINDS = ["/usr", "/etc/fonts", "/etc/libreoffice", "/etc/ld.so.cache", "/etc/alternatives"];

function namespaceArgs(): string[] {
  const args = ["--unshare-all", "--die-with-parent", "--cap-drop", "ALL"];
  for (const path of SYSTEM_BINDS) if (existsSync(path)) args.push("--ro-bind", path, path);
  for (const link of ["lib", "lib64", "bin", "sbin"]) args.push("--symlink", `usr/${link}`, `/${link}`);
  // 256 MiB of private /tmp, counted against memory: soffice's temp files and UNO pipe live there.
  args.push("--proc", "/proc", "--dev", "/dev", "--size", String(256 * 1024 * 1024), "--tmpfs", "/tmp");
  return args;
}

/**
 * The command that runs `argv` (python and the worker script) inside the sandbox for the worker in
 * `layout`. Every directory appears at its host path, so the worker's arguments and replies need no
 * translation and the processes stay recognisable by their directory in a process list.
 */
export function sandboxedCommand(
  layout: WorkerLayout,
  scriptDir: string,
  argv: string[],
): { command: string; args: string[] } {
  const bwrap = [
    ...namespaceArgs(),
    ...["--ro-bind", scriptDir, scriptDir],
    ...["--bind", layout.profile, layout.profile],
    ...["--ro-bind", layout.in, layout.in],
    ...["--bind", layout.out, layout.out],
    ...["--setenv", "TMPDIR", "/tmp", "--setenv", "HOME", layout.profile, "--chdir", layout.out],
    "--",
    ...argv,
  ];
  // $0 is the worker directory: removed when the sandbox ends, also after the server died.
  const script = '"$@"; rm -rf -- "$0"';
  return { command: "/bin/sh", args: ["-c", script, layout.dir, BWRAP, ...bwrap] };
}

let probed: { ok: boolean; reason?: string } | undefined;

/**
 * Whether this host can create the sandbox: bwrap present and allowed to create user, network,
 * pid and mount namespaces (some container runtimes forbid it). Checked once per process by
 * running the real thing around `true`.
 */
export function probeSandbox(): { ok: boolean; reason?: string } {
  if (probed) return probed;
  if (!existsSync(BWRAP)) {
    probed = { ok: false, reason: `${BWRAP} is not installed (apt-get install bubblewrap)` };
    return probed;
  }
  const result = spawnSync(BWRAP, [...namespaceArgs(), "--", "/usr/bin/true"], {
    encoding: "utf8",
    timeout: 10_000,
  });
  probed =
    result.status === 0
      ? { ok: true }
      : {
          ok: false,
          reason: `bubblewrap cannot create namespaces here: ${(result.stderr || result.error?.message || `exit ${result.status}`).trim()}`,
        };
  return probed;
}

/** What the configured mode means on this host. `required` without a sandbox is the caller's error. */
export function resolveSandbox(mode: SandboxMode): SandboxState {
  if (mode === "off") return { mode, active: false, reason: "preview.sandbox is off" };
  const probe = probeSandbox();
  return probe.ok ? { mode, active: true } : { mode, active: false, reason: probe.reason };
}

/** preview.sandbox as configured, or its default: required, except in dev mode (preferred). */
export function configuredSandboxMode(config: { preview: { sandbox?: SandboxMode }; server: { devMode: boolean } }) {
  return config.preview.sandbox ?? (config.server.devMode ? "preferred" : "required");
}
