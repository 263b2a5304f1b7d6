// Is every LibreOffice worker contained? The preview sandbox (docs/security.md) as this host can
// make it, against what preview.sandbox asks for.
import type { DocgateConfig } from "@docgate/core";
import { configuredSandboxMode, resolveSandbox, type SandboxState } from "../engines/preview/libreoffice/sandbox.js";
import type { CheckResult } from "./check-result.js";

const ID = "preview.sandbox";
const CONTAINED = "no network, only the LibreOffice installation, fonts and the current job's files";

export function checkPreviewSandbox(config: DocgateConfig, state = resolveSandbox(configuredSandboxMode(config))) {
  return sandboxResult(state);
}

export function sandboxResult({ mode, active, reason }: SandboxState): CheckResult {
  if (active) {
    return {
      id: ID,
      status: "ok",
      message: `LibreOffice workers run in a bubblewrap sandbox (${CONTAINED}).`,
      hint: "",
    };
  }
  const exposed =
    "Documents previewed by the built-in engine can then make LibreOffice fetch their links and read local files.";
  if (mode === "off") {
    return {
      id: ID,
      status: "warn",
      message: `preview.sandbox is "off": LibreOffice workers run without a sandbox. ${exposed}`,
      hint: 'Set preview.sandbox to "required" (the default) on a host with bubblewrap; see docs/security.md.',
    };
  }
  const fix =
    "Install bubblewrap (apt-get install bubblewrap) and allow user namespaces: in Docker, security_opt " +
    "seccomp=unconfined and apparmor=unconfined (deploy/docker-compose.yml); on Ubuntu 24.04+, the " +
    "kernel.apparmor_restrict_unprivileged_userns setting or an AppArmor profile for bwrap.";
  return {
    id: ID,
    status: mode === "required" ? "fail" : "warn",
    message:
      mode === "required"
        ? `preview.sandbox is "required" but the sandbox cannot run here (${reason}): docgate refuses to start.`
        : `preview.sandbox is "preferred" and the sandbox cannot run here (${reason}): workers run unsandboxed. ${exposed}`,
    hint: fix,
  };
}
