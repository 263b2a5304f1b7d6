// One test per row of the role-mapping table (spec: onlyoffice 1), plus the flags and the
// secure-view rule for watermarks.
import { describe, expect, it } from "vitest";
import type { Meta } from "../../src/entry/types.js";
import { type EditorPermissions, mapRole, type RoleMappingInput } from "../../src/onlyoffice/role-mapping.js";

type MetaPart = RoleMappingInput["meta"];

function meta(over: Partial<MetaPart> = {}, perms: Partial<Meta["permissions"]> = {}): MetaPart {
  return {
    permissions: { read: true, write: true, download: true, print: true, copy: true, ...perms },
    extension: { previewWithTrackChange: false, trackChangeForceOn: false },
    ...over,
  };
}

function input(over: Partial<RoleMappingInput> = {}): RoleMappingInput {
  return { documentType: "word", mode: "edit", meta: meta(), chat: false, watermarked: false, ...over };
}

const ALL_KEYS: (keyof EditorPermissions)[] = [
  "edit",
  "review",
  "comment",
  "fillForms",
  "download",
  "print",
  "copy",
  "chat",
  "protect",
  "modifyFilter",
  "modifyContentControl",
  "editCommentAuthorOnly",
  "deleteCommentAuthorOnly",
];

describe("role mapping rows (text documents)", () => {
  it("row: action=view → view mode, edit/review/comment false, reviewDisplay original", () => {
    const m = mapRole(input({ mode: "view" }));
    expect(m.mode).toBe("view");
    expect(m.permissions).toMatchObject({ edit: false, review: false, comment: false, fillForms: false });
    expect(m.review).toEqual({ reviewDisplay: "original" });
    expect(m.readOnlyBecause).toBeUndefined();
  });

  it("row: write=false (the session's effective mode is view) maps exactly like action=view", () => {
    const writeFalse = meta({}, { write: false });
    expect(mapRole(input({ mode: "view", meta: writeFalse }))).toEqual(mapRole(input({ mode: "view" })));
  });

  it("row: view + previewWithTrackChange → reviewDisplay markup", () => {
    const m = mapRole(
      input({ mode: "view", meta: meta({ extension: { previewWithTrackChange: true, trackChangeForceOn: false } }) }),
    );
    expect(m.mode).toBe("view");
    expect(m.review).toEqual({ reviewDisplay: "markup" });
  });

  it("row: edit with no role → edit, review and comment all true", () => {
    const m = mapRole(input());
    expect(m.mode).toBe("edit");
    expect(m.permissions).toMatchObject({ edit: true, review: true, comment: true, fillForms: true, protect: true });
    expect(m.review).toBeUndefined();
  });

  it("row: edit + role contributor → the same as no role", () => {
    expect(mapRole(input({ meta: meta({ role: "contributor" }) }))).toEqual(mapRole(input()));
  });

  it("row: edit + trackChangeForceOn → edit false, review true, comment true, trackChanges on", () => {
    const m = mapRole(
      input({ meta: meta({ extension: { previewWithTrackChange: false, trackChangeForceOn: true } }) }),
    );
    expect(m.mode).toBe("edit");
    expect(m.permissions).toMatchObject({ edit: false, review: true, comment: true, fillForms: true, protect: false });
    expect(m.review).toEqual({ trackChanges: true });
  });

  it("row: edit + role commenter → edit false, review false, comment true, own comments only", () => {
    const m = mapRole(input({ meta: meta({ role: "commenter" }) }));
    expect(m.mode).toBe("edit");
    expect(m.permissions).toMatchObject({
      edit: false,
      review: false,
      comment: true,
      fillForms: false,
      editCommentAuthorOnly: true,
      deleteCommentAuthorOnly: true,
    });
    expect(m.review).toBeUndefined();
  });

  it("row: role auditor → view with all changes shown, for an edit request too (and says why)", () => {
    for (const mode of ["view", "edit"] as const) {
      const m = mapRole(input({ mode, meta: meta({ role: "auditor" }) }));
      expect(m.mode).toBe("view");
      expect(m.permissions).toMatchObject({ edit: false, review: false, comment: false });
      expect(m.review).toEqual({ reviewDisplay: "markup", showReviewChanges: true });
      expect(m.readOnlyBecause).toBe(mode === "edit" ? "role_auditor" : undefined);
    }
  });

  it("the most restrictive role wins when meta combines them", () => {
    const forced = { previewWithTrackChange: true, trackChangeForceOn: true };
    expect(mapRole(input({ meta: meta({ role: "commenter", extension: forced }) })).permissions).toMatchObject({
      edit: false,
      review: false,
      comment: true,
    });
    expect(mapRole(input({ meta: meta({ role: "auditor", extension: forced }) })).mode).toBe("view");
  });

  it("row 'always': download, print and copy come from meta, chat is off unless configured", () => {
    const m = mapRole(input({ meta: meta({}, { download: false, print: true, copy: false }) }));
    expect(m.permissions).toMatchObject({ download: false, print: true, copy: false, chat: false });
    expect(mapRole(input({ chat: true })).permissions.chat).toBe(true);
    expect(mapRole(input({ mode: "view", chat: true })).permissions.chat).toBe(true);
  });

  it("download=false also forbids copying text out, whatever copy says (spec: entry 4)", () => {
    expect(mapRole(input({ meta: meta({}, { download: false, copy: true }) })).permissions.copy).toBe(false);
    expect(mapRole(input({ meta: meta({}, { download: true, copy: false }) })).permissions.copy).toBe(false);
  });

  it("every permission is sent explicitly, as a boolean, in every row", () => {
    const cases: RoleMappingInput[] = [
      input(),
      input({ mode: "view" }),
      input({ meta: meta({ role: "commenter" }) }),
      input({ meta: meta({ role: "auditor" }) }),
      input({ meta: meta({ extension: { previewWithTrackChange: false, trackChangeForceOn: true } }) }),
      input({ documentType: "cell" }),
    ];
    for (const c of cases) {
      const p = mapRole(c).permissions;
      expect(Object.keys(p).sort()).toEqual([...ALL_KEYS].sort());
      for (const k of ALL_KEYS) expect(typeof p[k]).toBe("boolean");
    }
  });
});

describe("other document types ignore role and track-change flags", () => {
  for (const documentType of ["cell", "slide"] as const) {
    it(`${documentType}: role and flags do not change an edit`, () => {
      const flagged = meta({
        role: "commenter",
        extension: { previewWithTrackChange: true, trackChangeForceOn: true },
      });
      const m = mapRole(input({ documentType, meta: flagged }));
      expect(m).toEqual(mapRole(input({ documentType })));
      expect(m.permissions).toMatchObject({ edit: true, review: true, comment: true });
      expect(m.review).toBeUndefined();
    });

    it(`${documentType}: an auditor role does not apply; a view has no review settings`, () => {
      expect(mapRole(input({ documentType, meta: meta({ role: "auditor" }) })).mode).toBe("edit");
      const v = mapRole(input({ documentType, mode: "view", meta: meta({ role: "auditor" }) }));
      expect(v.mode).toBe("view");
      expect(v.review).toBeUndefined();
      expect(v.permissions).toMatchObject({ edit: false, review: false, comment: false });
    });
  }
});

describe("watermark and secure view (spec: onlyoffice 1)", () => {
  it("a watermarked secure view (download denied) also denies print and copy", () => {
    const m = mapRole(input({ watermarked: true, meta: meta({}, { download: false, print: true, copy: true }) }));
    expect(m.permissions).toMatchObject({ download: false, print: false, copy: false });
  });

  it("a watermark on a document the user may download keeps meta's permissions", () => {
    const m = mapRole(input({ watermarked: true, meta: meta({}, { download: true, print: true, copy: true }) }));
    expect(m.permissions).toMatchObject({ download: true, print: true, copy: true });
  });

  it("without a watermark, download=false leaves print as meta says", () => {
    const m = mapRole(input({ meta: meta({}, { download: false, print: true, copy: false }) }));
    expect(m.permissions).toMatchObject({ download: false, print: true, copy: false });
  });
});
