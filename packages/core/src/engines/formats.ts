// File formats by extension, the one place engines and routing agree on (issue 4, item 1).
// The extension comes from meta.name, which may carry a leading path (spec: entry 4).

/** Lower-case extension without the dot; "" when the name has none. */
export function fileExtension(name: string): string {
  // The base name starts after the last / or \; a dot at its start (".bashrc") is not an extension.
  const start = Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1;
  const dot = name.lastIndexOf(".");
  return dot <= start ? "" : name.slice(dot + 1).toLowerCase();
}

// ONLYOFFICE documentType per extension (spec: onlyoffice 1; DS 8.x format tables).
export const ONLYOFFICE_DOCUMENT_TYPES: Readonly<Record<string, "word" | "cell" | "slide" | "pdf">> = Object.freeze({
  ...Object.fromEntries(
    "doc docm docx dot dotm dotx epub fb2 fodt htm html mht mhtml odt ott rtf stw sxw txt wps wpt"
      .split(" ")
      .map((e) => [e, "word" as const]),
  ),
  ...Object.fromEntries(
    "csv et ett fods ods ots sxc xls xlsb xlsm xlsx xlt xltm xltx".split(" ").map((e) => [e, "cell" as const]),
  ),
  ...Object.fromEntries(
    "dps dpt fodp odp otp pot potm potx pps ppsm ppsx ppt pptm pptx sxi".split(" ").map((e) => [e, "slide" as const]),
  ),
  ...Object.fromEntries("djvu oxps pdf xps".split(" ").map((e) => [e, "pdf" as const])),
});

/** Formats docgate edits in ONLYOFFICE: saved back in the same format the business system holds. */
export const ONLYOFFICE_EDIT_FORMATS: ReadonlySet<string> = new Set(["docx", "xlsx", "pptx", "docm", "xlsm", "pptm"]);

/** Office formats the built-in preview converts to PDF with LibreOffice. */
export const LIBREOFFICE_FORMATS: ReadonlySet<string> = new Set(
  "doc docx docm dot dotx odt ott fodt rtf wps xls xlsx xlsm xlsb xlt xltx ods ots fods et ppt pptx pptm pps ppsx pot potx odp otp fodp dps".split(
    " ",
  ),
);

/** Formats the viewer shows natively, without LibreOffice. */
export const NATIVE_FORMATS: Readonly<Record<string, "pdf" | "image" | "svg" | "text" | "markdown" | "csv" | "json">> =
  Object.freeze({
    pdf: "pdf",
    ...Object.fromEntries("png jpg jpeg gif bmp webp".split(" ").map((e) => [e, "image" as const])),
    svg: "svg",
    md: "markdown",
    markdown: "markdown",
    csv: "csv",
    json: "json",
    ...Object.fromEntries(
      "txt log ini conf cfg yaml yml xml toml properties sql sh bash js mjs cjs ts tsx jsx py java kt go rs c h cpp hpp cc cs php rb swift css scss less vue"
        .split(" ")
        .map((e) => [e, "text" as const]),
    ),
  });
