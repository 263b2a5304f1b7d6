// request.query, parsed on first use. fastify parses every query string before the handler runs, and
// the entry route's is its largest input (~1 KB of base64 and URLs) while the route never reads it:
// the signature covers the raw request target, which the route reads itself. Other routes read one or
// two short parameters and pay the same parse, one property access later.
import { parse } from "node:querystring";

type Query = Record<string, unknown>;

const QUERYSTRING = Symbol("querystring");
const PARSED = Symbol("parsed");

/** The proxy's target holds the raw text and, once read, its parse; the traps read it from there. */
interface LazyTarget {
  [QUERYSTRING]: string;
  [PARSED]?: Query;
}

function query(target: LazyTarget): Query {
  target[PARSED] ??= parse(target[QUERYSTRING]) as Query;
  return target[PARSED];
}

// One handler for every request's proxy: per-request closures cost an allocation each (and under tsx's
// keepNames a defineProperty each), on the entry route's hot path.
const HANDLER: ProxyHandler<LazyTarget> = {
  get: (target, key) => (typeof key === "string" ? query(target)[key] : undefined),
  has: (target, key) => typeof key === "string" && key in query(target),
  // The target's own keys are symbols, configurable, so leaving them out keeps the Proxy invariants.
  ownKeys: (target) => Object.keys(query(target)),
  getOwnPropertyDescriptor: (target, key) =>
    typeof key === "string" && key in query(target)
      ? { value: query(target)[key], writable: false, enumerable: true, configurable: true }
      : undefined,
};

export function parseQueryLazily(querystring: string): Query {
  if (querystring.length === 0) return {};
  return new Proxy({ [QUERYSTRING]: querystring } as LazyTarget, HANDLER) as unknown as Query;
}
