import { z } from "zod";

// The durable save pipeline (issue 3, item 5): every save is spooled, then uploaded with retries.
export const savesSchema = z
  .object({
    baseDelayMs: z
      .number()
      .int()
      .positive()
      .default(2_000)
      .describe("First retry delay after a retryable upload failure."),
    maxDelayMs: z
      .number()
      .int()
      .positive()
      .default(10 * 60_000)
      .describe("Longest delay between retries (exponential back-off, capped)."),
    maxAttempts: z
      .number()
      .int()
      .positive()
      .default(20)
      .describe("After this many failed attempts a save is held for an operator (never dropped)."),
    pollIntervalMs: z.number().int().positive().default(500).describe("How often the worker looks for due uploads."),
    leaseMs: z
      .number()
      .int()
      .positive()
      .default(5 * 60_000)
      .describe("An upload not finished in this time is taken over by another worker."),
  })
  .prefault({});

export const adminSchema = z
  .object({
    token: z
      .string()
      .min(24)
      .optional()
      .describe(
        "Bearer token for the admin HTTP API (/admin/...). No token: the admin API is off. There is no default.",
      ),
  })
  .prefault({});
