// Checks 5-7: can DS reach docgate (document downloads and save callbacks go to server.internalUrl),
// and does each repo's business system answer at its context.
import type { DocgateConfig, RepoConfig } from "@docgate/core";
import type { CheckResult } from "./check-result.js";
import { joinUrl, probe } from "./probe.js";

/**
 * DS → docgate cannot be tested from here without a conversion service to ask DS to fetch a file, so
 * this prints the command to run on DS's host; what it can test is that docgate answers at
 * server.internalUrl at all (if it does not answer here, DS certainly cannot reach it).
 */
export async function checkDsToDocgate(config: DocgateConfig, timeoutMs: number): Promise<CheckResult> {
  const id = "ds-to-docgate";
  const base = config.server.internalUrl;
  const url = joinUrl(base, "healthz");
  const routes =
    `DS downloads documents from ${joinUrl(base, "onlyoffice/files/...")} and posts saves to ` +
    `${joinUrl(base, "onlyoffice/callback/...")} (the callback check is this one too)`;
  const outcome = await probe(url, { timeoutMs });
  if (!outcome.ok) {
    return {
      id,
      status: "fail",
      message: `docgate does not answer at server.internalUrl (${url}) even from this host: ${outcome.error}. ${routes}, so DS cannot reach it either: "Download failed" in the editor, and no saves.`,
      hint: "Start docgate (docgate serve) before running doctor, and check server.internalUrl, server.host and server.port.",
    };
  }
  let isDocgate = false;
  try {
    isDocgate = outcome.status === 200 && (JSON.parse(outcome.text) as { status?: unknown }).status === "ok";
  } catch {
    isDocgate = false;
  }
  if (!isDocgate) {
    return {
      id,
      status: "fail",
      message: `${url} answered HTTP ${outcome.status}, but not as docgate's /healthz. ${routes}.`,
      hint: "server.internalUrl must be docgate's own address (or a proxy forwarding every path to docgate).",
    };
  }
  return {
    id,
    status: "warn",
    message: `verify by hand: docgate answers at ${url} from this host; whether DS can reach it cannot be tested from here. ${routes}.`,
    hint: `On the Document Server host (inside its container if it runs in one), run: curl -sS ${url}   It must print {"status":"ok"}.`,
  };
}

/** Any HTTP answer means the business system is reachable; nothing of a user's (params, cookies) is sent. */
export async function checkRepoContext(repo: RepoConfig, timeoutMs: number): Promise<CheckResult> {
  const id = `repo.${repo.id}.context`;
  const origin = `${new URL(repo.context).origin}/`;
  const outcome = await probe(origin, { method: "HEAD", timeoutMs });
  if (outcome.ok) {
    return {
      id,
      status: "ok",
      message: `repo "${repo.id}": ${origin} answers (HTTP ${outcome.status})`,
      hint: "",
    };
  }
  return {
    id,
    status: "fail",
    message: `repo "${repo.id}": the business system at ${origin} cannot be reached from docgate: ${outcome.error}.`,
    hint: `docgate downloads and uploads documents at the repo's context: check repos[].context ("${repo.context}") and the firewall between docgate and the business system.`,
  };
}
