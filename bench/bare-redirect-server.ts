// The baseline for bench/entry.ts: a bare fastify route that only answers 303, nothing else.
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/docs/app/driver-callback", async (_req, reply) => reply.code(303).header("location", "/s/x").send());
const url = await app.listen({ port: Number(process.env.PORT ?? 0), host: "127.0.0.1" });
process.stdout.write(`${JSON.stringify({ msg: "bare listening", url })}\n`);
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
