// The one error catalogue (ARCHITECTURE.md practice 4). Every rejection docgate makes has a stable
// code, an HTTP status, a retryable flag, and a plain explanation plus what to check, in zh-CN and en.
// Entries live in catalogue/*.ts by area; docs/errors.md is generated from this object and kept in
// sync by packages/server/test/docs/docs-current.test.ts.
import type { ErrorDefinition } from "./catalogue/define.js";
import { EDITING_ERRORS } from "./catalogue/editing-errors.js";
import { ENTRY_ERRORS } from "./catalogue/entry-errors.js";
import { PREVIEW_ERRORS } from "./catalogue/preview-errors.js";
import { SERVICE_ERRORS } from "./catalogue/service-errors.js";
import { UPSTREAM_ERRORS } from "./catalogue/upstream-errors.js";

export type { ErrorDefinition } from "./catalogue/define.js";

export const ERROR_CATALOGUE = {
  ...ENTRY_ERRORS,
  ...UPSTREAM_ERRORS,
  ...PREVIEW_ERRORS,
  ...EDITING_ERRORS,
  ...SERVICE_ERRORS,
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
