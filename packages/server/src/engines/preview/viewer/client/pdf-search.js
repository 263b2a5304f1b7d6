// Search over pdf.js text content: case-insensitive, whitespace-tolerant, across text items. Pages
// are searched without being rendered; a match is shown by jumping to its page and marking the
// text-layer spans it covers (one span per pdf.js text item, same order as getTextContent()).

/** Page text as one normalised string plus, for every character, the text item it came from. */
function indexPage(textContent) {
  let text = "";
  const owner = [];
  textContent.items.forEach((item, i) => {
    const chars = `${item.str ?? ""}${item.hasEOL ? " " : ""}`.normalize("NFKC").toLowerCase();
    for (const c of chars) {
      const space = /\s/.test(c);
      if (space && text.endsWith(" ")) continue;
      text += space ? " " : c;
      for (let k = 0; k < (space ? 1 : c.length); k++) owner.push(i);
    }
  });
  return { text, owner };
}

export function createSearch({ pageCount, textContent, showPage, onStatus }) {
  const indexes = new Map();
  let matches = [];
  let current = -1;
  let generation = 0;

  async function pageIndex(n) {
    if (!indexes.has(n)) indexes.set(n, textContent(n).then(indexPage));
    return indexes.get(n);
  }

  function status() {
    onStatus(matches.length === 0 ? null : { current: current + 1, total: matches.length });
  }

  /** Finds every match, page by page; the first one is shown as soon as it is found. */
  async function find(query) {
    const run = ++generation;
    const needle = query.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
    const previous = matches;
    matches = [];
    current = -1;
    for (const page of new Set(previous.map((m) => m.page))) showPage(page);
    if (needle === "") return status();
    for (let n = 1; n <= pageCount; n++) {
      const { text, owner } = await pageIndex(n);
      if (run !== generation) return;
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
        matches.push({ page: n, first: owner[at], last: owner[at + needle.length - 1] });
        if (current === -1) await go(0);
      }
    }
    status();
  }

  async function go(index) {
    if (matches.length === 0) return;
    const old = matches[current];
    current = (index + matches.length) % matches.length;
    if (old && old.page !== matches[current].page) showPage(old.page);
    status();
    await showPage(matches[current].page, true);
  }

  /** Marks this page's matches on its text-layer spans; returns the current match's first span. */
  function decorate(n, spans) {
    for (const span of spans) span.classList.remove("dg-hit", "dg-hit-current");
    let focus = null;
    matches.forEach((m, i) => {
      if (m.page !== n) return;
      for (let k = m.first; k <= m.last; k++) {
        const span = spans[k];
        if (!span) continue;
        span.classList.add("dg-hit");
        if (i === current) {
          span.classList.add("dg-hit-current");
          focus ??= span;
        }
      }
    });
    return focus;
  }

  return {
    find,
    next: () => go(current + 1),
    previous: () => go(current - 1),
    decorate,
    /** The query is unchanged: Enter moves on instead of searching again. */
    get active() {
      return matches.length > 0;
    },
  };
}
