// request.log, created on first use. fastify makes a pino child per request for request.log, binding
// the request id; making one serialises (and redacts) the bindings, a few µs of every request. A
// request that succeeds logs only its access line, which http/request-log.ts writes through its own
// logger, so on the entry route request.log is never used: this makes the child only when it is.
import type { FastifyBaseLogger } from "fastify";
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString, Logger } from "pino";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type Level = (typeof LEVELS)[number];

// Methods on the prototype, not arrow-function fields: one object per request, no closures. The class
// is handed to fastify as a FastifyBaseLogger (below); the level methods come from the static block.
class LazyChildLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger & Pick<Logger, "isLevelEnabled">,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get #logger(): FastifyBaseLogger {
    this.#child ??= this.parent.child(this.bindings, this.options);
    return this.#child;
  }

  #log(level: Level, args: unknown[]): void {
    // A disabled level (request-log.ts's "incoming request" at debug, on every request) makes no child.
    if (this.#child === undefined && (level === "silent" || !this.parent.isLevelEnabled(level))) return;
    (this.#logger[level] as (...a: unknown[]) => void)(...args);
  }

  get level(): LevelWithSilentOrString {
    return this.#logger.level;
  }
  set level(level: LevelWithSilentOrString) {
    this.#logger.level = level;
  }

  // One method per level, defined once on the prototype (static block: it may call #log).
  static {
    for (const level of LEVELS) {
      Object.defineProperty(LazyChildLogger.prototype, level, {
        value(this: LazyChildLogger, ...args: unknown[]): void {
          this.#log(level, args);
        },
      });
    }
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#logger.child(bindings, options);
  }
}

/** fastify's childLoggerFactory option: the same child as fastify's default, made on first use. */
export function lazyChildLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  // docgate's loggers are pino loggers (logging/create-logger.ts), which have isLevelEnabled.
  const parent = logger as FastifyBaseLogger & Pick<Logger, "isLevelEnabled">;
  return new LazyChildLogger(parent, bindings, options) as unknown as FastifyBaseLogger;
}
