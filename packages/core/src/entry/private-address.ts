// Private-address classification for the business-system HTTP client (spec: entry 3, host rule;
// repo option allowPrivateNetwork). Pure: the caller resolves names; this only reads literals.

export type IpAddress = { version: 4; bytes: number[] } | { version: 6; bytes: number[] };

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4(text: string): number[] | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  const bytes = m.slice(1).map((part) => {
    // A leading zero means octal to some resolvers and decimal to others: refuse the ambiguity.
    if (part.length > 1 && part.startsWith("0")) return Number.NaN;
    return Number(part);
  });
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

function parseGroups(text: string): number[] | null {
  if (text === "") return [];
  const words: number[] = [];
  const parts = text.split(":");
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4(part);
      if (!v4) return null;
      words.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      words.push(Number.parseInt(part, 16));
    } else {
      return null;
    }
  }
  return words;
}

function parseIpv6(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0]!);
  const tail = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/**
 * Parses an IP literal as DNS answers and URL hosts write it: dotted IPv4, or IPv6 with optional
 * brackets, `::` compression, an embedded IPv4 tail and a zone id (`%eth0`, ignored). Null otherwise.
 */
export function parseIpAddress(text: string): IpAddress | null {
  const v4 = parseIpv4(text);
  if (v4) return { version: 4, bytes: v4 };
  let inner = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const zone = inner.indexOf("%");
  if (zone >= 0) inner = inner.slice(0, zone);
  if (!inner.includes(":")) return null;
  const v6 = parseIpv6(inner);
  return v6 ? { version: 6, bytes: v6 } : null;
}

function isPrivateV4([a, b, c]: number[]): boolean {
  return (
    a === 0 || // "this network", includes 0.0.0.0 (unspecified)
    a === 10 ||
    a === 127 || // loopback
    (a === 100 && b! >= 64 && b! <= 127) || // CGNAT 100.64/10
    (a === 169 && b === 254) || // link-local (cloud metadata lives here)
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a! >= 224 // multicast, reserved, broadcast
  );
}

function isPrivateV6(bytes: number[]): boolean {
  const zeroUpTo = (n: number) => bytes.slice(0, n).every((b) => b === 0);
  const v4At = (i: number) => bytes.slice(i, i + 4);
  if (zeroUpTo(15) && (bytes[15] === 0 || bytes[15] === 1)) return true; // :: and ::1
  if (zeroUpTo(10) && bytes[10] === 0xff && bytes[11] === 0xff) return isPrivateV4(v4At(12)); // v4-mapped
  if (zeroUpTo(12)) return isPrivateV4(v4At(12)); // deprecated v4-compatible
  const b0 = bytes[0]!;
  const b1 = bytes[1]!;
  if ((b0 & 0xfe) === 0xfc) return true; // ULA fc00::/7
  if (b0 === 0xfe && (b1 & 0xc0) === 0x80) return true; // link-local fe80::/10
  if (b0 === 0xfe && (b1 & 0xc0) === 0xc0) return true; // site-local fec0::/10 (deprecated)
  if (b0 === 0xff) return true; // multicast
  if (b0 === 0x01 && b1 === 0x00 && bytes.slice(2, 8).every((b) => b === 0)) return true; // discard 100::/64
  // Prefixes that embed an IPv4 address reach that address through a translator or relay.
  const nat64 = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
  if (nat64.every((b, i) => bytes[i] === b)) return isPrivateV4(v4At(12)); // 64:ff9b::/96
  if (b0 === 0x20 && b1 === 0x02) return isPrivateV4(v4At(2)); // 6to4 2002::/16
  return false;
}

/**
 * True when `ip` is not a public unicast address: IPv4 private, loopback, link-local, CGNAT,
 * unspecified, multicast/reserved; IPv6 loopback, unspecified, ULA, link-local, site-local,
 * multicast, and v4-mapped/compatible/NAT64/6to4 forms of a private IPv4. Fails closed: text that
 * is not an IP literal counts as private, so a guard built on this never lets an oddity through.
 */
export function isPrivateAddress(ip: string): boolean {
  const parsed = parseIpAddress(ip);
  if (!parsed) return true;
  return parsed.version === 4 ? isPrivateV4(parsed.bytes) : isPrivateV6(parsed.bytes);
}
