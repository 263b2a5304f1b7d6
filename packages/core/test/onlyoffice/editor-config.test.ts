import { describe, expect, it } from "vitest";
import type { Meta, UserInfo } from "../../src/entry/types.js";
import { isDocgateError } from "../../src/errors/docgate-error.js";
import {
  buildEditorConfig,
  deviceType,
  type EditorConfigInput,
  editorLanguage,
} from "../../src/onlyoffice/editor-config.js";

const meta: Meta = {
  id: "doc-1",
  name: "合同/季度 report.docx",
  modified_at: "2024-03-25T02:57:38.000Z",
  created_at: "2024-01-01T00:00:00.000Z",
  created_by: { id: "301", name: "docstest02" },
  owner: { id: "9", name: "Owner Name" },
  permissions: { read: true, write: true, download: true, print: true, copy: true },
  extension: { previewWithTrackChange: false, trackChangeForceOn: false },
};
const user: UserInfo = {
  id: "301",
  display_name: "张三",
  email: "z@example.com",
  photo_url: "https://img.example/a.png",
};

function input(over: Partial<EditorConfigInput> = {}): EditorConfigInput {
  return {
    meta,
    user,
    mode: "edit",
    key: "k".repeat(32),
    documentUrl: "http://docgate.internal/onlyoffice/files/ref",
    callbackUrl: "http://docgate.internal/onlyoffice/callback/ref",
    language: { lang: "zh", region: "zh-CN" },
    forcesave: true,
    chat: false,
    date: "2024-05-06",
    ...over,
  };
}

describe("buildEditorConfig (spec: onlyoffice 1)", () => {
  it("builds the full config: type, document, editorConfig, user, customization", () => {
    const { config } = buildEditorConfig(input());
    expect(config).toMatchObject({
      documentType: "word",
      type: "desktop",
      document: {
        fileType: "docx",
        key: "k".repeat(32),
        title: "季度 report.docx",
        url: "http://docgate.internal/onlyoffice/files/ref",
        info: { owner: "Owner Name", uploaded: "2024-01-01T00:00:00.000Z" },
      },
      editorConfig: {
        mode: "edit",
        callbackUrl: "http://docgate.internal/onlyoffice/callback/ref",
        lang: "zh",
        region: "zh-CN",
        user: { id: "301", name: "张三", image: "https://img.example/a.png" },
        coEditing: { mode: "fast", change: true },
        customization: { forcesave: true, autosave: true, comments: true },
      },
    });
    expect(config.document.options).toBeUndefined();
    expect(config.editorConfig.customization.review).toBeUndefined();
  });

  it("documentType follows the extension", () => {
    const type = (name: string) => buildEditorConfig(input({ meta: { ...meta, name } })).config.documentType;
    expect(type("a.xlsx")).toBe("cell");
    expect(type("a.PPTX")).toBe("slide");
    expect(type("a.pdf")).toBe("pdf");
    expect(type("a.odt")).toBe("word");
  });

  it("refuses a format ONLYOFFICE does not open", () => {
    let caught: unknown;
    try {
      buildEditorConfig(input({ meta: { ...meta, name: "a.zip" } }));
    } catch (err) {
      caught = err;
    }
    expect(isDocgateError(caught) && caught.code).toBe("DOCGATE_FORMAT_UNSUPPORTED");
  });

  it("view mode: no Save button, the role mapping's review settings in customization", () => {
    const m = { ...meta, extension: { previewWithTrackChange: true, trackChangeForceOn: false } };
    const { config } = buildEditorConfig(input({ mode: "view", meta: m }));
    expect(config.editorConfig.mode).toBe("view");
    expect(config.editorConfig.customization).toMatchObject({ forcesave: false, review: { reviewDisplay: "markup" } });
  });

  it("trackChangeForceOn reaches customization.review.trackChanges", () => {
    const m = { ...meta, extension: { previewWithTrackChange: false, trackChangeForceOn: true } };
    const { config } = buildEditorConfig(input({ meta: m }));
    expect(config.editorConfig.customization.review).toEqual({ trackChanges: true });
    expect(config.document.permissions.edit).toBe(false);
  });

  it("an auditor's edit request opens in view mode and the mapping says why", () => {
    const built = buildEditorConfig(input({ meta: { ...meta, role: "auditor" } }));
    expect(built.config.editorConfig.mode).toBe("view");
    expect(built.mapping.readOnlyBecause).toBe("role_auditor");
  });

  it("forcesave follows the configuration", () => {
    expect(buildEditorConfig(input({ forcesave: false })).config.editorConfig.customization.forcesave).toBe(false);
  });

  it("a watermark becomes document.options.watermark_on_draw and makes a secure view stricter", () => {
    const secure = { ...meta, permissions: { ...meta.permissions, download: false, print: true, copy: false } };
    const { config } = buildEditorConfig(
      input({
        meta: secure,
        watermark: {
          lines: ["机密"],
          withDate: true,
          fontcolor: "#cecece",
          transparent: 70,
          rotation: 315,
          fontsize: 16,
          font: "黑体",
          spacing: 50,
        },
      }),
    );
    const w = config.document.options?.watermark_on_draw;
    expect(w?.paragraphs[0]?.runs[0]?.text).toBe("机密 2024-05-06");
    expect(w?.rotate).toBe(-45);
    expect(config.document.permissions).toMatchObject({ download: false, print: false, copy: false });
  });

  it("only http(s) avatars are passed on", () => {
    const u = (photo_url: string) =>
      buildEditorConfig(input({ user: { ...user, photo_url } })).config.editorConfig.user.image;
    expect(u("javascript:alert(1)")).toBeUndefined();
    expect(u("")).toBeUndefined();
    expect(u("http://x/y.png")).toBe("http://x/y.png");
  });

  it("the owner falls back to created_by and uploaded to modified_at", () => {
    const { owner: _o, created_at: _c, ...rest } = meta;
    const { config } = buildEditorConfig(input({ meta: rest }));
    expect(config.document.info).toEqual({ owner: "docstest02", uploaded: meta.modified_at });
  });
});

describe("editor language and device type", () => {
  it("auto follows the page language; a configured language wins", () => {
    expect(editorLanguage("auto", "zh-CN")).toEqual({ lang: "zh", region: "zh-CN" });
    expect(editorLanguage("auto", "en")).toEqual({ lang: "en", region: "en-US" });
    expect(editorLanguage("de", "zh-CN")).toEqual({ lang: "de" });
    expect(editorLanguage("pt-BR", "en")).toEqual({ lang: "pt-BR", region: "pt-BR" });
  });

  it("phones and tablets get the mobile editor", () => {
    expect(deviceType(undefined)).toBe("desktop");
    expect(deviceType("Mozilla/5.0 (X11; Linux x86_64) Chrome/126")).toBe("desktop");
    expect(deviceType("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148")).toBe("mobile");
    expect(deviceType("Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari")).toBe("mobile");
  });
});
