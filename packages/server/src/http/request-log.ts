// One log line per request, written when the response is finished: method, sanitised URL, status,
// time taken, and what the route or the error mapper added (request.logFacts). fastify's default writes
// two lines (incoming, completed) and the entry route used to add a third; at the entry's request rate
// every line is a measurable share of the work (bench/entry.ts, docs/benchmarks.md). "incoming request"
// is still written at debug level, for chasing a request that never completes.
import { type FastifyReply, type FastifyRequest, LogController } from "fastify";
import type { Logger } from "pino";

export class RequestLog extends LogController {
  /** createAccessLogger(): no redaction, so only the fixed-shape success line goes through it. */
  constructor(private readonly access: Logger) {
    super();
  }

  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, "incoming request");
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const responseTime = Math.round(reply.elapsedTime * 10) / 10;
    if (error) {
      reply.log.error({ req: request, res: reply, err: error, responseTime, ...request.logFacts }, "request errored");
      return;
    }
    this.access.info(
      { reqId: request.id, req: request, res: reply, responseTime, ...request.logFacts },
      request.logMessage ?? "request completed",
    );
  }
}
