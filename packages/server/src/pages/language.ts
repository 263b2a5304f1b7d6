// Page language: an explicit ?lang= wins, then Accept-Language, then zh-CN (docgate's home market).
export type Lang = "zh-CN" | "en";

export function pickLang(acceptLanguage: string | undefined, explicit?: string): Lang {
  if (explicit === "en" || explicit === "zh-CN") return explicit;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return "zh-CN";
}
