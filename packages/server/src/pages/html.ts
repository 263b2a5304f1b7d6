// Auto-escaping HTML templates: every interpolated value is escaped unless it is itself an Html
// produced by this module. Nothing user-supplied can reach a page unescaped (DEVELOPERS.md:
// escape everything user-supplied). Values inside <script> must go through jsonForScript().

const HTML_BRAND = Symbol("docgate.html");

export interface Html {
  readonly [HTML_BRAND]: true;
  readonly value: string;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

function isHtml(value: unknown): value is Html {
  return typeof value === "object" && value !== null && HTML_BRAND in value;
}

type Interpolation = Html | string | number | boolean | null | undefined | ReadonlyArray<Interpolation>;

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (isHtml(value)) return value.value;
  return escapeHtml(String(value));
}

/** Tagged template: html`<p>${userText}</p>` escapes userText. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? "");
  });
  return { [HTML_BRAND]: true, value: out };
}

/** Marks trusted, constant markup (never pass user input). */
export function trustedHtml(markup: string): Html {
  return { [HTML_BRAND]: true, value: markup };
}

/**
 * JSON safe to embed in <script type="application/json">: escapes <, >, & and the JS line
 * separators so the data can never close the script element or start a comment.
 */
export function jsonForScript(data: unknown): Html {
  const json = JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return trustedHtml(json);
}
