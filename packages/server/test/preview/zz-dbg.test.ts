import { it } from "vitest";
import { readdirSync } from "node:fs";
it("x", () => { console.log("PID", process.pid, process.ppid, readdirSync("/tmp").filter(n => n.startsWith("OSL")).length); });
