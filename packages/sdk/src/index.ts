export {
  ENTRY_PATH,
  type EntryParams,
  type EntryUserInfo,
  encodeJsonParam,
  formatParams,
  hmacHex,
  type SignEntryUrlOptions,
  signEntryUrl,
} from "./sign-entry-url.js";
export { verifyEntryUrlSignature } from "./verify-entry-url.js";
