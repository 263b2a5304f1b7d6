export { createBusinessClient, DEFAULT_USER_AGENT } from "./business-client.js";
export type {
  BusinessClient,
  BusinessClientOptions,
  DownloadRequest,
  DownloadResult,
  LookupFunction,
  ParamPairs,
  RepoTarget,
  UploadReply,
  UploadRequest,
  UploadResult,
} from "./types.js";
export { isRetryableStatus, UpstreamStatusError } from "./upstream-error.js";
