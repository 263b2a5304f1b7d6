import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { lazyChildLoggerFactory } from "../../src/logging/lazy-child-logger.js";

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).trim().split("\n")) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: "info" }, stream);
  let children = 0;
  // Counts every child made from this logger or its descendants (they inherit the counting method).
  const child = logger.child;
  logger.child = function (this: typeof logger, ...args: Parameters<typeof child>) {
    children++;
    return child.apply(this, args);
  } as typeof logger.child;
  return { logger, lines, children: () => children };
}

describe("lazyChildLoggerFactory (request.log on first use)", () => {
  it("makes no child for a request that logs nothing, or only below the level", () => {
    const { logger, lines, children } = capture();
    const log = lazyChildLoggerFactory(logger, { reqId: "r-1" }, {});
    log.debug("not at info level");
    log.trace({ a: 1 }, "nor this");
    log.silent("never");
    expect(children()).toBe(0);
    expect(lines).toEqual([]);
  });

  it("makes the child once, on the first enabled line, with the request's bindings", async () => {
    const { logger, lines, children } = capture();
    const log = lazyChildLoggerFactory(logger, { reqId: "r-2" }, {});
    log.info({ step: 1 }, "first");
    log.error(new Error("boom"), "second");
    log.warn("third");
    await new Promise((resolve) => setImmediate(resolve));
    expect(children()).toBe(1);
    expect(lines.map((l) => [l.reqId, l.msg])).toEqual([
      ["r-2", "first"],
      ["r-2", "second"],
      ["r-2", "third"],
    ]);
    expect(lines[0]).toMatchObject({ step: 1 });
    expect(lines[1]).toMatchObject({ err: { message: "boom" } });
  });

  it("reads and sets the level, and makes grandchildren that keep the bindings", async () => {
    const { logger, lines } = capture();
    const log = lazyChildLoggerFactory(logger, { reqId: "r-3" }, {});
    expect(log.level).toBe("info");
    log.level = "debug";
    log.debug("now shown");
    log.child({ part: "x" }).info("from a grandchild");
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => [l.reqId, l.part, l.msg])).toEqual([
      ["r-3", undefined, "now shown"],
      ["r-3", "x", "from a grandchild"],
    ]);
  });
});
