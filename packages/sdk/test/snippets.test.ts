// The integration guide's signing snippets (docs/snippets/, one per language) run for real and are
// held to the SDK and to docgate's own verifier: both spec test vectors byte for byte (entry 2), and
// a link full of characters where form encoders disagree is accepted by docgate and reads the same.
// Every toolchain is required: .ci/run installs them all (Debian packages), and a missing one fails
// here with the package to install. A snippet is never reported as passing without having run.
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { parseRawTarget, type RepoConfig, type VerifiedEntry, verifyEntry, verifySignature } from "@docgate/core";
import { afterAll, describe, expect, it } from "vitest";
import { signEntryUrl } from "../src/index.js";

const SNIPPETS = resolve(import.meta.dirname, "../../../docs/snippets");
const work = mkdtempSync(join(tmpdir(), "docgate-snippets-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// ---- inputs ---------------------------------------------------------------------------------------

interface SignInput {
  secret: string;
  baseUrl: string;
  /** Query pairs in order; userinfo and meta are JSON text (each snippet base64-encodes them). */
  pairs: Array<[string, string]>;
}

const SALT = "default-salt";
const VECTOR_1_MESSAGE =
  "/docs/app/driver-callback?repoId=3rd-party&docId=483&action=view&params=zdocs_access_token%3Dtok123&ts=1700000000000";
const VECTOR_1_HMAC = "1f4f6abfad4d081cafbdb5500d87356dce0979d687c0bc412471f4e993ef2c4f";
const VECTOR_2_HMAC = "9f1a493af435b7cb58d91873148e30445f4f7ab35f085f6fd0dce913fee97fe1";
const CONTENT_URL = "http://172.16.34.165:8000/v2/context/demo-doc-001/content";

/** Vector 1's message, as the parameters a signer is given. */
const VECTOR_1: SignInput = {
  secret: SALT,
  baseUrl: "http://docs.example.com",
  pairs: [
    ["repoId", "3rd-party"],
    ["docId", "483"],
    ["action", "view"],
    ["params", "zdocs_access_token=tok123"],
    ["ts", "1700000000000"],
  ],
};

/** Vector 2, with the JSON exactly as the spec writes it. */
const VECTOR_2: SignInput = {
  secret: SALT,
  baseUrl: "http://docs.example.com",
  pairs: [
    ["repoId", "3rd-party"],
    ["action", "edit"],
    ["docId", "demo-doc-001"],
    ["userinfo", '{"id":"301","display_name":"docstest02","email":"docstest02@lenovocloud.com","photo_url":""}'],
    [
      "meta",
      '{"id":"demo-doc-001","name":"test.docx","size":9897,"version":"1","created_at":"2020-03-25T02:57:38.000Z","modified_at":"2020-03-25T02:57:38.000Z","created_by":{"id":"301","name":"docstest02"},"permissions":{"write":true,"read":true,"download":true,"print":true,"copy":true}}',
    ],
    ["downloadUrl", CONTENT_URL],
    ["uploadUrl", CONTENT_URL],
    ["params", "zdocs_access_token=abc.def;param-1=aaa;x-param-2=bbb"],
    ["ts", "1700000000000"],
  ],
};

/** Where form encoders disagree: space, * ~ ! ' ( ), non-ASCII, base64 with + and /, a path prefix. */
const AWKWARD_TS = 1_717_171_717_171;
const AWKWARD_DOC_ID = "合同 (v2)*~!'";
const AWKWARD: SignInput = {
  secret: "a-long-random-secret-for-tests",
  baseUrl: "https://docs.example.com/docgate/",
  pairs: [
    ["repoId", "crm"],
    ["action", "edit"],
    ["docId", AWKWARD_DOC_ID],
    ["userinfo", JSON.stringify({ id: "7", display_name: "王五 (测试)?>~", email: "zs@example.com", photo_url: "" })],
    [
      "meta",
      JSON.stringify({
        id: AWKWARD_DOC_ID,
        name: "报告 (最终版)*~.docx",
        modified_at: "2024-03-25T02:57:38.000Z",
        created_by: { id: "7", name: "张三" },
        permissions: { read: true, write: true, download: true, print: false },
      }),
    ],
    ["downloadUrl", "https://crm.example.com/files/合同(1)*~!.docx"],
    ["uploadUrl", "https://crm.example.com/files/合同(1)*~!.docx"],
    ["params", "token=a b*~!'();x-tenant=t1"],
    ["ts", String(AWKWARD_TS)],
  ],
};

function writeInput(name: string, input: SignInput): string {
  const lines = [["secret", input.secret], ["baseUrl", input.baseUrl], ...input.pairs].map(([k, v]) => `${k}\t${v}`);
  const path = join(work, `${name}.tsv`);
  writeFileSync(path, `${lines.join("\n")}\n`, "utf8");
  return path;
}

/** The SDK's URL for the same inputs (userinfo and meta as JSON text, sent byte for byte). */
function sdkUrl(input: SignInput): string {
  const get = (name: string) => input.pairs.find(([k]) => k === name)?.[1];
  // The SDK signs in vector 2's order; inputs compared with it use that order.
  expect(input.pairs.map(([k]) => k).join(",")).toBe(
    "repoId,action,docId,userinfo,meta,downloadUrl,uploadUrl,params,ts",
  );
  return signEntryUrl({
    baseUrl: input.baseUrl,
    secret: input.secret,
    repoId: get("repoId")!,
    action: get("action") as "view" | "edit",
    docId: get("docId")!,
    userinfo: get("userinfo")!,
    meta: get("meta")!,
    downloadUrl: get("downloadUrl")!,
    uploadUrl: get("uploadUrl")!,
    params: get("params")!,
    ts: Number(get("ts")),
  });
}

// ---- toolchains -----------------------------------------------------------------------------------

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

function requireCommand(command: string, install: string): string {
  const found = onPath(command);
  if (found === undefined) {
    throw new Error(`${command} is required to run this snippet and is not on PATH: ${install} (bash .ci/run does)`);
  }
  return found;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(command, args, {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

interface Snippet {
  language: string;
  file: string;
  /** The code fence's language in the integration guides. */
  fence: string;
  /** Compiles if needed (once), and returns how to run the snippet on an input file. */
  prepare: () => (inputPath: string) => string;
  /**
   * What this language's standard form encoder writes instead of URLSearchParams' bytes, for the
   * characters where they differ (the snippet's comment says the same). Applied to the SDK's query,
   * it must give the snippet's query exactly.
   */
  differences: Array<[urlSearchParams: string, snippet: string]>;
}

const snippets: Snippet[] = [
  {
    language: "Node.js",
    file: "sign-entry-url.mjs",
    fence: "js",
    prepare: () => (input) => run(process.execPath, [join(SNIPPETS, "sign-entry-url.mjs"), input]),
    differences: [],
  },
  {
    language: "Python",
    file: "sign_entry_url.py",
    fence: "python",
    prepare: () => {
      const python = existsSync("/usr/bin/python3")
        ? "/usr/bin/python3"
        : requireCommand("python3", "apt-get install -y python3");
      return (input) => run(python, [join(SNIPPETS, "sign_entry_url.py"), input]);
    },
    differences: [
      ["%7E", "~"],
      ["*", "%2A"],
    ],
  },
  {
    language: "Java",
    file: "SignEntryUrl.java",
    fence: "java",
    prepare: () => {
      const install = "apt-get install -y openjdk-17-jdk-headless";
      const javac = requireCommand("javac", install);
      const java = requireCommand("java", install);
      const out = join(work, "java");
      // --release 8: the snippet says Java 8+, so compile it against the Java 8 API.
      run(javac, ["--release", "8", "-nowarn", "-d", out, join(SNIPPETS, "SignEntryUrl.java")]);
      return (input) => run(java, ["-cp", out, "SignEntryUrl", input]);
    },
    differences: [],
  },
  {
    language: "Go",
    file: "sign_entry_url.go",
    fence: "go",
    prepare: () => {
      const go = requireCommand("go", "apt-get install -y golang-go");
      const binary = join(work, "sign_entry_url_go");
      // Standard library only: no module download, so the proxy is off; a private build cache.
      const env = { GOCACHE: join(work, "gocache"), GOPATH: join(work, "gopath"), GOPROXY: "off", GOFLAGS: "" };
      run(go, ["build", "-o", binary, join(SNIPPETS, "sign_entry_url.go")], env);
      return (input) => run(binary, [input]);
    },
    differences: [
      ["%7E", "~"],
      ["*", "%2A"],
    ],
  },
  {
    language: "PHP",
    file: "sign_entry_url.php",
    fence: "php",
    prepare: () => {
      const php = requireCommand("php", "apt-get install -y php-cli");
      return (input) => run(php, ["-n", join(SNIPPETS, "sign_entry_url.php"), input]);
    },
    differences: [["*", "%2A"]],
  },
  {
    language: "C#",
    file: "SignEntryUrl.cs",
    fence: "csharp",
    prepare: () => {
      const mcs = requireCommand("mcs", "apt-get install -y mono-mcs");
      const mono = requireCommand("mono", "apt-get install -y mono-runtime");
      const exe = join(work, "SignEntryUrl.exe");
      run(mcs, ["-nologo", `-out:${exe}`, join(SNIPPETS, "SignEntryUrl.cs")]);
      return (input) => run(mono, [exe, input]);
    },
    differences: [
      ["%21", "!"],
      ["%28", "("],
      ["%29", ")"],
    ],
  },
];

// ---- the checks -----------------------------------------------------------------------------------

const awkwardRepo: RepoConfig = {
  id: "crm",
  secrets: [AWKWARD.secret],
  context: "https://crm.example.com",
  headerPrefix: "x-",
  tsWindowMs: 10_000,
  tsFutureSkewMs: 5_000,
  frameAncestors: [],
  allowPrivateNetwork: false,
};

/** What docgate's own entry check makes of a URL (the request target is everything after the origin). */
function docgateReads(url: string): { entry: VerifiedEntry; form: string } {
  const target = url.slice(new URL(url).origin.length);
  const entry = verifyEntry({
    rawTarget: target,
    lookupRepo: (id) => (id === "crm" ? awkwardRepo : undefined),
    now: AWKWARD_TS,
  });
  return { entry, form: verifySignature(parseRawTarget(target), awkwardRepo.secrets).form };
}

const beforeHmac = (url: string) => url.slice(0, url.lastIndexOf("&HMAC="));

describe("the awkward input exercises every character where encoders differ", () => {
  it("the SDK's query contains them all", () => {
    const query = beforeHmac(sdkUrl(AWKWARD));
    for (const piece of ["+", "*", "%7E", "%21", "%27", "%28", "%29", "%2B", "%2F", "%E5%90%88"]) {
      expect(query).toContain(piece);
    }
  });
});

describe.each(snippets)("docs/snippets/$file ($language)", (snippet) => {
  let signer: ((inputPath: string) => string) | undefined;
  const sign = (name: string, input: SignInput): string => {
    signer ??= snippet.prepare();
    return signer(writeInput(`${snippet.file}-${name}`, input));
  };

  it("vector 2: prints the SDK's URL byte for byte, with the published HMAC", { timeout: 180_000 }, () => {
    const url = sign("v2", VECTOR_2);
    expect(url).toBe(sdkUrl(VECTOR_2));
    expect(url.endsWith(`&HMAC=${VECTOR_2_HMAC}`)).toBe(true);
  });

  it("vector 1: signs the literal message to the published HMAC", { timeout: 180_000 }, () => {
    expect(sign("v1", VECTOR_1)).toBe(`http://docs.example.com${VECTOR_1_MESSAGE}&HMAC=${VECTOR_1_HMAC}`);
  });

  it("awkward characters: docgate accepts the URL as sent and reads what the SDK's URL says", {
    timeout: 180_000,
  }, () => {
    const url = sign("awkward", AWKWARD);
    const reference = sdkUrl(AWKWARD);
    let expectedQuery = beforeHmac(reference);
    for (const [from, to] of snippet.differences) expectedQuery = expectedQuery.replaceAll(from, to);
    expect(beforeHmac(url)).toBe(expectedQuery);

    const mine = docgateReads(url);
    expect(mine.form).toBe("raw");
    const { fingerprint: _a, ...fields } = mine.entry;
    const { fingerprint: _b, ...referenceFields } = docgateReads(reference).entry;
    expect(fields).toEqual(referenceFields);
    expect(fields.docId).toBe(AWKWARD_DOC_ID);
    expect(fields.user.display_name).toBe("王五 (测试)?>~");
  });
});

describe("the integration guides show the code this test runs", () => {
  /** Lines without their indentation: the guides show the functions dedented. */
  const lines = (text: string) => text.split("\n").map((line) => line.trimStart());

  it.each(["integration.md", "integration.zh-CN.md"])("docs/%s, section 6", (guide) => {
    const text = readFileSync(resolve(SNIPPETS, "..", guide), "utf8");
    const section = text.slice(text.indexOf("\n## 6."), text.indexOf("\n## 7."));
    expect(section.length).toBeGreaterThan(0);
    const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)\n```/g)].map((m) => ({ fence: m[1]!, code: m[2]! }));
    expect(blocks.map((b) => b.fence).sort()).toEqual(snippets.map((s) => s.fence).sort());
    for (const snippet of snippets) {
      expect(section).toContain(`(snippets/${snippet.file})`);
      const shown = lines(blocks.find((b) => b.fence === snippet.fence)!.code).join("\n");
      const file = lines(readFileSync(join(SNIPPETS, snippet.file), "utf8")).join("\n");
      expect(shown.split("\n").length).toBeGreaterThan(10);
      expect(file, `${guide} shows ${snippet.file} as it is`).toContain(shown);
    }
  });
});
