// The page of a preview session: the viewer's page (./viewer/, another engineer's) with its CSP,
// given what the engine knows: the kind, the rendition URL, the resolved watermark and, for
// text-like kinds, the content (the viewer renders those on the server).
import type { RepoConfig, SessionRecord } from "@docgate/core";
import { newNonce } from "../../http/security-headers.js";
import type { Lang } from "../../pages/language.js";
import type { ViewerKind } from "./rendition-kind.js";
import { type ResolvedWatermark, resolveWatermark } from "./viewer/resolve-watermark.js";
import { viewerAssetBase } from "./viewer/viewer-assets.js";
import { viewerCsp } from "./viewer/viewer-csp.js";
import { renderViewerPage } from "./viewer/viewer-page.js";

export interface PreviewPageInput {
  session: SessionRecord;
  lang: Lang;
  renditionUrl: string;
  kind: ViewerKind;
  frameAncestors: readonly string[];
  watermark: ResolvedWatermark | null;
  content?: Uint8Array;
}

/** Kinds the viewer renders on the server from the document's bytes. */
export function needsContent(kind: ViewerKind): boolean {
  return kind === "text" || kind === "markdown" || kind === "csv" || kind === "json";
}

/** meta.waterMark wins; the repo's template applies when meta has none (spec: entry 4). */
export function watermarkFor(
  session: SessionRecord,
  repo: RepoConfig | undefined,
  now: number,
): ResolvedWatermark | null {
  return resolveWatermark({ waterMark: session.meta.waterMark, template: repo?.watermark, user: session.user, now });
}

export function renderPreviewPage(input: PreviewPageInput): { html: string; csp: string } {
  const nonce = newNonce();
  const html = renderViewerPage({
    session: input.session,
    lang: input.lang,
    nonce,
    renditionUrl: input.renditionUrl,
    kind: input.kind,
    watermark: input.watermark,
    permissions: input.session.meta.permissions,
    assetBase: viewerAssetBase(),
    content: input.content,
  });
  return { html, csp: viewerCsp(nonce, input.frameAncestors) };
}
