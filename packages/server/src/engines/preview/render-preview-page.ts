// The page of a preview session: HTML plus its CSP. The one place that decides which viewer page
// renders, so swapping the temporary page for the viewer's renderViewerPage is a one-file change.
import type { SessionRecord } from "@docgate/core";
import { buildCsp, newNonce } from "../../http/security-headers.js";
import type { Lang } from "../../pages/language.js";
import type { ViewerKind } from "./rendition-kind.js";
import { renderTemporaryViewerPage } from "./temporary-viewer-page.js";

export interface PreviewPageInput {
  session: SessionRecord;
  lang: Lang;
  renditionUrl: string;
  kind: ViewerKind;
  frameAncestors: readonly string[];
}

export function renderPreviewPage(input: PreviewPageInput): { html: string; csp: string } {
  const nonce = newNonce();
  return {
    html: renderTemporaryViewerPage({ ...input, nonce }),
    csp: buildCsp({ nonce, frameAncestors: input.frameAncestors }),
  };
}
