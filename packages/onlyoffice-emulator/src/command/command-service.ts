// The command service (spec: onlyoffice 5): always HTTP 200 with {error, ...}.
// 0 ok, 1 unknown key, 3 internal error, 4 no changes before forcesave, 5 bad command, 6 invalid token.
import { isObject } from "../config/editor-config.js";
import { type Claims, TokenError, verifyToken } from "../jwt.js";
import type { SessionContext } from "../session/context.js";
import { forcesave } from "../session/save-flow.js";
import { dropUsers, liveRecord, sendInfo, setTitle } from "../session/session-controls.js";
import type { SessionManager } from "../session/session-manager.js";

export type CommandReply = Record<string, unknown> & { error: number };

/** Reads the command fields from a token only: body {token} (fields at top level) or header {payload}. */
export async function commandFields(
  ctx: SessionContext,
  body: unknown,
  headerToken: string | undefined,
): Promise<Claims | CommandReply> {
  const bodyToken = isObject(body) && typeof body.token === "string" ? body.token : undefined;
  const token = bodyToken ?? headerToken;
  // DS with JWT on refuses unsigned commands; the emulator always has JWT on.
  if (!token) return { error: 6 };
  try {
    const claims = await verifyToken(token, ctx.options.jwtSecret, ctx.options.clockToleranceSec);
    if (bodyToken) return claims;
    return isObject(claims.payload) ? (claims.payload as Claims) : { error: 6 };
  } catch (err) {
    if (err instanceof TokenError) return { error: 6 };
    throw err;
  }
}

export async function runCommand(ctx: SessionContext, sessions: SessionManager, f: Claims): Promise<CommandReply> {
  const c = f.c;
  if (c === "version") return { error: 0, version: ctx.options.version, emulator: "docgate ONLYOFFICE emulator" };
  if (c !== "forcesave" && c !== "drop" && c !== "info" && c !== "meta") return { error: 5 };
  if (typeof f.key !== "string") return { error: 5 };
  const key = f.key;
  const record = liveRecord(ctx, key);
  if (!record) return { error: 1, key };
  switch (c) {
    case "forcesave": {
      const sent = await forcesave(ctx, record, { kind: "command", userdata: f.userdata });
      return sent ? { error: 0, key } : { error: 4, key };
    }
    case "drop": {
      if (!Array.isArray(f.users) || f.users.length === 0 || !f.users.every((u) => typeof u === "string")) {
        return { error: 5, key };
      }
      return dropUsers(sessions, record, f.users as string[]) > 0 ? { error: 0, key } : { error: 1, key };
    }
    case "info":
      return sendInfo(ctx, record, f.userdata) ? { error: 0, key } : { error: 1, key };
    case "meta": {
      const title = isObject(f.meta) ? f.meta.title : undefined;
      if (typeof title !== "string" || title.length === 0) return { error: 5, key };
      setTitle(ctx, record, title);
      return { error: 0, key };
    }
  }
}
