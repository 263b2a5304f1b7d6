// The viewer page's Content-Security-Policy: the common page policy (http/security-headers.ts)
// plus exactly what pdf.js needs, and nothing that would let document content run as script.
import { buildCsp } from "../../../http/security-headers.js";

/** The Trusted Types policy viewer.js creates; the only one the page may create. */
export const VIEWER_TRUSTED_TYPES_POLICY = "default";

/**
 * - script-src stays nonce-only: module scripts imported by a nonced module (pdf.js from
 *   pdf-viewer.js) inherit its nonce (HTML: "descendant script fetch options"), so no 'self' and
 *   no 'unsafe-eval'; pdf.js runs with isEvalSupported: false.
 * - worker-src 'self': the pdf.js worker is a same-origin module URL (a worker cannot carry a
 *   nonce). No blob: workers: the worker is never wrapped, since it is same-origin.
 * - style-src stays nonce-only: viewer.css is a nonced <link>; pdf.js's text layer and our page
 *   sizes and watermark tiles set styles through the CSSOM (element.style), which CSP does not
 *   govern, so 'unsafe-inline' is not needed.
 * - connect-src 'self' (inherited) lets pdf.js fetch the rendition, CMaps and standard fonts;
 *   font-src 'self' lets it load a standard font (FontFace with a URL) for PDFs that do not embed
 *   theirs. Fonts from embedded data are FontFace buffers, which need no source.
 * - Trusted Types: no HTML sink may take a string at all; the single default policy in viewer.js
 *   only vouches for script URLs under the asset base (the pdf.js worker).
 */
export function viewerCsp(nonce: string, frameAncestors: readonly string[]): string {
  return buildCsp({
    nonce,
    frameAncestors,
    extra: {
      "worker-src": ["'self'"],
      "font-src": ["'self'"],
      "require-trusted-types-for": ["'script'"],
      "trusted-types": [VIEWER_TRUSTED_TYPES_POLICY],
    },
  });
}
