#!/usr/bin/env node
// Why this exists: the npm mirror our build machines use serves only the Linux builds of packages
// that ship per-platform binaries (esbuild, rollup, biome). npm 11 then leaves the other platforms'
// optional packages out of package-lock.json, and `npm ci` refuses that same lockfile as "out of
// sync" (npm/cli#9846). We add the missing optional entries back, with the platform fields inferred
// from the package name, so `npm ci` works here and on a machine that reaches the public registry.
// Run it after every `npm install` that changes the lockfile: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;

const OSES = [
  "aix",
  "android",
  "darwin",
  "freebsd",
  "linux",
  "netbsd",
  "openbsd",
  "openharmony",
  "sunos",
  "win32",
  "wasi",
];
const CPUS = [
  "arm64",
  "x64",
  "ia32",
  "arm",
  "ppc64",
  "riscv64",
  "s390x",
  "loong64",
  "loongarch64",
  "mips64el",
  "ppc",
  "wasm32",
];

function inferPlatform(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OSES.includes(p));
  const cpu = parts.find((p) => CPUS.includes(p));
  const libc = parts.some((p) => p.startsWith("musl"))
    ? "musl"
    : parts.some((p) => p.startsWith("gnu"))
      ? "glibc"
      : undefined;
  // An unknown name gets a platform that never matches, so npm never tries to fetch it.
  return {
    os: [os ?? "none"],
    cpu: [cpu === "loongarch64" ? "loong64" : (cpu ?? "none")],
    ...(libc && os === "linux" ? { libc: [libc] } : {}),
  };
}

function resolves(fromPath, dep) {
  // Node's lookup: nested node_modules first, then each ancestor, then the top.
  let base = fromPath;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${dep}` : `node_modules/${dep}`;
    if (packages[candidate]) return true;
    if (!base) return false;
    const idx = base.lastIndexOf("/node_modules/");
    base = idx === -1 ? "" : base.slice(0, idx);
  }
}

let added = 0;
for (const [path, pkg] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(pkg.optionalDependencies ?? {})) {
    if (resolves(path, dep)) continue;
    if (!/^\d+\.\d+\.\d+/.test(spec)) continue; // only exact versions can be pinned safely
    packages[`node_modules/${dep}`] = {
      version: spec,
      ...(pkg.dev ? { dev: true } : {}),
      optional: true,
      ...inferPlatform(dep),
    };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
