// Checks 2-4: Document Server answers at onlyoffice.internalUrl (GET /healthcheck), accepts docgate's
// JWT (the `version` command, spec: onlyoffice 5), and keeps the same time as this host.
import { signConfig } from "../engines/onlyoffice/ds-jwt.js";
import type { CheckResult } from "./check-result.js";
import { joinUrl, type ProbeOutcome, probe } from "./probe.js";

/** Above this difference between DS's clock and ours, warn: DS allows about 60 s on tokens. */
export const CLOCK_SKEW_WARN_MS = 30_000;
const TOKEN_TOLERANCE_MS = 60_000;

type Answer = Extract<ProbeOutcome, { ok: true }>;

export interface DsHealth {
  result: CheckResult;
  /** DS's answer, if it answered at all (its Date header feeds the clock check). */
  answer?: Answer;
}

export async function checkDsHealth(dsUrl: string, timeoutMs: number): Promise<DsHealth> {
  const id = "ds.healthcheck";
  const url = joinUrl(dsUrl, "healthcheck");
  const outcome = await probe(url, { timeoutMs });
  if (!outcome.ok) {
    return {
      result: {
        id,
        status: "fail",
        message: `Document Server does not answer at ${url}: ${outcome.error}.`,
        hint:
          "Check onlyoffice.internalUrl (DS's address as docgate reaches it) and that DS is running; " +
          `try \`curl -sS ${url}\` from this host.`,
      },
    };
  }
  const body = outcome.text.trim();
  if (outcome.status === 200 && body === "true") {
    return { result: { id, status: "ok", message: `Document Server is up at ${dsUrl}`, hint: "" }, answer: outcome };
  }
  if (outcome.status === 200 && body === "false") {
    return {
      result: {
        id,
        status: "fail",
        message: `Document Server at ${dsUrl} answers but reports itself unhealthy (healthcheck: false).`,
        hint: "Look at DS's logs (/var/log/onlyoffice/documentserver/): usually its database, RabbitMQ or Redis is down.",
      },
      answer: outcome,
    };
  }
  return {
    result: {
      id,
      status: "fail",
      message: `${url} answered HTTP ${outcome.status} "${body.slice(0, 80)}", not Document Server's "true".`,
      hint: "onlyoffice.internalUrl must point at DS's root (the address where /healthcheck and /command live), not at a proxy page.",
    },
    answer: outcome,
  };
}

/** DS's clock minus ours, in ms, from the Date header (1 s resolution) against the request's midpoint. */
export function clockSkewMs(answer: Answer): number | undefined {
  const date = answer.headers.get("date");
  const ds = date ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(ds)) return undefined;
  return ds - (answer.sentAtMs + answer.receivedAtMs) / 2;
}

export function checkClockSkew(skewMs: number | undefined, answered: boolean): CheckResult {
  const id = "ds.clock";
  if (!answered) {
    return { id, status: "warn", message: "clock skew not checked: Document Server did not answer.", hint: "" };
  }
  if (skewMs === undefined) {
    return {
      id,
      status: "warn",
      message: "clock skew not checked: Document Server's answer had no usable Date header.",
      hint: "Make sure both hosts run NTP (e.g. chrony or systemd-timesyncd).",
    };
  }
  const seconds = Math.round(skewMs / 1000);
  const side = skewMs > 0 ? "ahead of" : "behind";
  if (Math.abs(skewMs) > CLOCK_SKEW_WARN_MS) {
    return {
      id,
      status: "warn",
      message:
        `Document Server's clock is ${Math.abs(seconds)} s ${side} this host's. JWTs between docgate and DS ` +
        `carry iat/exp and DS allows only about 60 s: tokens may be refused as expired or not yet valid ` +
        `("The document security token is not correctly formed" / "has expired").`,
      hint: "Run NTP on both hosts (chrony or systemd-timesyncd) and check their time zones are set correctly.",
    };
  }
  return { id, status: "ok", message: `clocks agree (Document Server is within ${Math.abs(seconds)} s)`, hint: "" };
}

async function postCommand(dsUrl: string, body: string, timeoutMs: number): Promise<[string, ProbeOutcome]> {
  const init = { method: "POST" as const, headers: { "content-type": "application/json" }, body, timeoutMs };
  const url = joinUrl(dsUrl, "command");
  const first = await probe(url, init);
  if (!first.ok || first.status !== 404) return [url, first];
  // DS before 7.x only has the old path (spec: onlyoffice 5).
  const old = joinUrl(dsUrl, "coauthoring/CommandService.ashx");
  return [old, await probe(old, init)];
}

const SECRET_HINT =
  "Make onlyoffice.jwtSecret equal to DS's secret: JWT_SECRET of the DS container, or " +
  "services.CoAuthoring.secret (inbox, outbox and session) in /etc/onlyoffice/documentserver/local.json; restart DS after changing it.";

/** The `version` command signed with onlyoffice.jwtSecret: error 6 means DS uses another secret. */
export async function checkDsJwt(
  dsUrl: string,
  secret: string,
  timeoutMs: number,
  skewMs: number | undefined,
): Promise<CheckResult> {
  const id = "ds.jwt";
  const token = await signConfig({ c: "version" }, secret, Date.now() + 5 * 60_000);
  const [url, outcome] = await postCommand(dsUrl, JSON.stringify({ token }), timeoutMs);
  if (!outcome.ok) {
    return {
      id,
      status: "fail",
      message: `JWT secret not checked: the command service at ${url} did not answer: ${outcome.error}.`,
      hint: "Check onlyoffice.internalUrl and that DS is running.",
    };
  }
  let reply: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(outcome.text);
    if (parsed && typeof parsed === "object") reply = parsed as Record<string, unknown>;
  } catch {
    reply = undefined;
  }
  if (outcome.status !== 200 || !reply || typeof reply.error !== "number") {
    return {
      id,
      status: "fail",
      message: `${url} answered HTTP ${outcome.status} "${outcome.text.slice(0, 80)}", not the command service's JSON.`,
      hint: "onlyoffice.internalUrl must point at DS's root; a proxy in front of DS must forward POST /command.",
    };
  }
  switch (reply.error) {
    case 0: {
      const version = typeof reply.version === "string" ? reply.version : "unknown";
      const emulator = typeof reply.emulator === "string" ? ` (${reply.emulator}, not the real DS)` : "";
      return {
        id,
        status: "ok",
        message: `JWT secret matches: Document Server ${version}${emulator} accepted a signed version command.`,
        hint: "",
      };
    }
    case 6: {
      const clock =
        skewMs !== undefined && Math.abs(skewMs) > TOKEN_TOLERANCE_MS
          ? ` DS's clock also differs from this host's by ${Math.round(Math.abs(skewMs) / 1000)} s, which alone makes DS refuse tokens: fix the clocks first.`
          : "";
      return {
        id,
        status: "fail",
        message:
          "JWT secret mismatch: onlyoffice.jwtSecret differs from DS's (DS refused the signed command with error 6, " +
          'invalid token). Users would see "The document security token is not correctly formed".',
        hint: SECRET_HINT + clock,
      };
    }
    case 5:
      return {
        id,
        status: "fail",
        message:
          "Document Server did not read the command from the signed token (error 5): JWT is probably disabled in DS. " +
          "docgate requires it: DS's callbacks would come without a token and every save would be refused.",
        hint: `Enable JWT in DS (JWT_ENABLED=true, JWT_SECRET=<onlyoffice.jwtSecret>). ${SECRET_HINT}`,
      };
    default:
      return {
        id,
        status: "fail",
        message: `Document Server's command service answered error ${reply.error} to the version command.`,
        hint: "Look at DS's logs (/var/log/onlyoffice/documentserver/docservice/out.log).",
      };
  }
}
