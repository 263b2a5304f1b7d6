import { z } from "zod";

// A repo's default watermark, used when meta has none (issue 4, item 5). Lines may use the
// placeholders {user.display_name}, {user.email}, {user.id} and {date}.
export const watermarkTemplateSchema = z
  .object({
    lines: z.array(z.string().max(200)).min(1).max(4),
    withDate: z.boolean().default(false),
    fontcolor: z
      .string()
      .regex(/^#[0-9a-fA-F]{3,8}$/)
      .default("#cecece"),
    transparent: z.number().min(0).max(100).default(70),
    rotation: z.number().min(0).max(360).default(315),
    fontsize: z.number().positive().max(200).default(16),
    font: z.string().max(100).default("黑体"),
    spacing: z.number().min(0).max(1000).default(50),
  })
  .optional()
  .describe(
    "Default watermark when meta.waterMark is absent; lines may use {user.display_name}, {user.email}, {user.id}, {date}.",
  );
