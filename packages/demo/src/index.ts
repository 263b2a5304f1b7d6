export {
  type CredentialCheck,
  readCallbackToken,
  TOKEN_COOKIE,
  TOKEN_HEADER,
  TOKEN_QUERY,
  tokenParams,
} from "./auth/callback-credentials.js";
export { buildEntryUrl, buildMeta, contentUrl, type DocgateTarget } from "./entry-link.js";
export { buildDemoApp, type DemoApp, type DemoAppOptions } from "./http/build-demo-app.js";
export type { UploadReplyBody } from "./http/callback-routes.js";
export { MODIFIED_AT_PATTERN, nextModifiedAt } from "./modified-at.js";
export type { EditorInfo } from "./pages/layout.js";
export { generateSample, generateSamples, SAMPLE_KINDS, type SampleKind } from "./sample-documents.js";
export { seedSampleDocuments } from "./seed.js";
export { type RunningDemo, startDemoServer } from "./start-demo-server.js";
export { DEMO_USERS, type DemoUser, type DemoUserId, findUser } from "./users.js";
