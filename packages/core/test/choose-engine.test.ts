import { describe, expect, it } from "vitest";
import { chooseEngine } from "../src/engines/choose-engine.js";
import { ENGINE_CAPABILITIES } from "../src/engines/engine-capabilities.js";
import { fileExtension } from "../src/engines/formats.js";
import { isDocgateError } from "../src/errors/docgate-error.js";

const { onlyoffice, builtin } = ENGINE_CAPABILITIES;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isDocgateError(err) ? err.code : "not a DocgateError";
  }
  return undefined;
}

describe("fileExtension", () => {
  it("takes the last extension of the last path segment, lower-cased", () => {
    expect(fileExtension("合同/2024/Q3 Report.DOCX")).toBe("docx");
    expect(fileExtension("a\\b\\c.tar.gz")).toBe("gz");
    expect(fileExtension(".bashrc")).toBe("");
    expect(fileExtension("README")).toBe("");
    expect(fileExtension("dir.v2/README")).toBe("");
    expect(fileExtension("dir/.hidden")).toBe("");
    expect(fileExtension("a/b.")).toBe("");
  });
});

describe("chooseEngine", () => {
  it("auto: office formats go to ONLYOFFICE when configured, otherwise to the built-in preview", () => {
    expect(chooseEngine("view", "docx", "auto", [onlyoffice, builtin])).toBe("onlyoffice");
    expect(chooseEngine("view", "docx", "auto", [builtin])).toBe("builtin");
    expect(chooseEngine("view", "png", "auto", [onlyoffice, builtin])).toBe("builtin");
    expect(chooseEngine("view", "md", "auto", [onlyoffice, builtin])).toBe("builtin");
  });

  it("a builtin preference keeps viewing on the built-in preview but editing on ONLYOFFICE", () => {
    expect(chooseEngine("view", "docx", "builtin", [onlyoffice, builtin])).toBe("builtin");
    expect(chooseEngine("edit", "docx", "builtin", [onlyoffice, builtin])).toBe("onlyoffice");
  });

  it("an edit no configured engine can do is a clear error", () => {
    expect(codeOf(() => chooseEngine("edit", "docx", "auto", [builtin]))).toBe("DOCGATE_EDIT_UNSUPPORTED");
    expect(codeOf(() => chooseEngine("edit", "pdf", "auto", [onlyoffice, builtin]))).toBe("DOCGATE_EDIT_UNSUPPORTED");
    expect(codeOf(() => chooseEngine("view", "exe", "auto", [onlyoffice, builtin]))).toBe("DOCGATE_FORMAT_UNSUPPORTED");
  });

  it("reads the format tables' own keys only: an extension named after an Object method is no format", () => {
    for (const ext of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(onlyoffice.canView(ext)).toBe(false);
      expect(builtin.canView(ext)).toBe(false);
      expect(codeOf(() => chooseEngine("view", ext, "auto", [onlyoffice, builtin]))).toBe("DOCGATE_FORMAT_UNSUPPORTED");
    }
  });
});
