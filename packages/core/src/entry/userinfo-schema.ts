// The userinfo parameter (spec: entry 1): base64(UTF-8 JSON) with id, display_name, email
// (required) and photo_url. Unknown fields are ignored.
import { z } from "zod";
import { decodeBase64Json } from "./base64-json.js";
import { idString, optionalString, parseOrThrow } from "./schema-helpers.js";
import type { UserInfo } from "./types.js";

/**
 * photo_url ends up as an image source in pages and in the editor config, so only http(s) URLs are
 * kept; anything else (javascript:, data:, relative) is dropped rather than failing the open.
 */
function safePhotoUrl(value: string | undefined): string | undefined {
  return value !== undefined && /^https?:\/\/[^\s]+$/i.test(value) ? value : undefined;
}

export const userInfoSchema = z
  .object({
    id: idString(),
    display_name: z.string().max(256),
    // Required but not format-checked: business systems use internal addresses and placeholders.
    email: z.string().max(320),
    photo_url: optionalString(2048),
  })
  .transform((u): UserInfo => {
    const user: UserInfo = { id: u.id, display_name: u.display_name, email: u.email };
    const photo = safePhotoUrl(u.photo_url);
    if (photo !== undefined) user.photo_url = photo;
    return user;
  });

/** Validates decoded userinfo JSON; throws DOCGATE_USERINFO_INVALID naming the field. */
export function parseUserInfo(json: unknown): UserInfo {
  return parseOrThrow(userInfoSchema, json, "userinfo", "DOCGATE_USERINFO_INVALID");
}

/** Decodes and validates the userinfo parameter as received (after URL decoding). */
export function decodeUserInfo(param: string): UserInfo {
  return parseUserInfo(decodeBase64Json(param, "userinfo", "DOCGATE_USERINFO_INVALID"));
}
