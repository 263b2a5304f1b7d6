import { z } from "zod";

// ONLYOFFICE Document Server (spec: onlyoffice 1): browsers load api.js from publicUrl; docgate calls
// DS (command service, saved-file downloads) at internalUrl. Absent: no editing engine is configured.
export const onlyofficeSchema = z
  .object({
    publicUrl: z
      .url({ protocol: /^https?$/ })
      .describe(
        "Document Server's URL as browsers reach it (api.js). Required when the onlyoffice section is present.",
      ),
    internalUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe("Document Server's URL as docgate reaches it; defaults to publicUrl."),
    jwtSecret: z
      .string()
      .min(1)
      .describe(
        "The JWT secret configured in Document Server (local.json services.CoAuthoring.secret). Required when the onlyoffice section is present.",
      ),
    jwtHeader: z.string().min(1).default("Authorization").describe("Header DS uses for its JWT (JWT_HEADER)."),
    forcesave: z
      .boolean()
      .default(true)
      .describe("Show the Save button (customization.forcesave): each press uploads a version."),
    lang: z
      .string()
      .regex(/^(auto|[a-z]{2}(-[A-Z]{2})?)$/)
      .default("auto")
      .describe("Editor language; auto follows the browser's Accept-Language."),
    chat: z.boolean().default(false).describe("Allow the editor's chat (permissions.chat)."),
    finalSaveTimeoutMs: z
      .number()
      .int()
      .positive()
      .default(15 * 60_000)
      .describe(
        "Editors opening a document wait while its final save is on its way. If DS's save never reaches docgate's spool (docgate failed to store it four times, or for this long), docgate gives it up: the editing session ends and the next open starts afresh. The edits are in DS's forgotten files.",
      ),
  })
  .optional()
  .describe(
    "ONLYOFFICE Document Server used for editing (and viewing office formats). Leave out to use the built-in preview only.",
  );
