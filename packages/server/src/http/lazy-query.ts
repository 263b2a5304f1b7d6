// request.query, parsed on first use. fastify parses every query string before the handler runs, and
// the entry route's is its largest input (~1 KB of base64 and URLs) while the route never reads it:
// the signature covers the raw request target, which the route reads itself. Other routes read one or
// two short parameters and pay the same parse, one property access later.
import { parse } from "node:querystring";

type Query = Record<string, unknown>;

export function parseQueryLazily(querystring: string): Query {
  if (querystring.length === 0) return {};
  let parsed: Query | undefined;
  const query = (): Query => {
    parsed ??= parse(querystring) as Query;
    return parsed;
  };
  return new Proxy({} as Query, {
    get: (_target, key) => (typeof key === "string" ? query()[key] : undefined),
    has: (_target, key) => typeof key === "string" && key in query(),
    ownKeys: () => Object.keys(query()),
    getOwnPropertyDescriptor: (_target, key) =>
      typeof key === "string" && key in query()
        ? { value: query()[key], writable: false, enumerable: true, configurable: true }
        : undefined,
  });
}
