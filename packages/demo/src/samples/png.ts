// A small RGB PNG encoded with node:zlib: a banner with "DOCGATE DEMO" and "中文 PNG" drawn from
// tiny bitmap glyphs, plus the same text in Chinese and English as an iTXt chunk (PNG 1.2, 4.2.3.3).
import { crc32, deflateSync } from "node:zlib";

type Rgb = readonly [number, number, number];

// 5×7 glyphs, one string per row ("#" = ink); 中 and 文 are 11×11.
const GLYPHS: Record<string, readonly string[]> = {
  A: [".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
  C: [".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."],
  D: ["####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."],
  E: ["#####", "#....", "#....", "####.", "#....", "#....", "#####"],
  G: [".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"],
  M: ["#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"],
  N: ["#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#"],
  O: [".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."],
  P: ["####.", "#...#", "#...#", "####.", "#....", "#....", "#...."],
  T: ["#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."],
  " ": [".....", ".....", ".....", ".....", ".....", ".....", "....."],
  中: [
    ".....#.....",
    ".....#.....",
    ".#########.",
    ".#...#...#.",
    ".#...#...#.",
    ".#########.",
    ".....#.....",
    ".....#.....",
    ".....#.....",
    ".....#.....",
    ".....#.....",
  ],
  文: [
    ".....#.....",
    "......#....",
    "###########",
    "..#.....#..",
    "...#...#...",
    "....#.#....",
    ".....#.....",
    "....#.#....",
    "...#...#...",
    ".##.....##.",
    "#.........#",
  ],
};

class Canvas {
  readonly pixels: Buffer;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = Buffer.alloc(width * height * 3);
    this.rect(0, 0, width, height, background);
  }
  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(this.width, x + w); xx++) {
        this.pixels.set(c, (yy * this.width + xx) * 3);
      }
    }
  }
  text(x: number, y: number, text: string, scale: number, c: Rgb): void {
    let cx = x;
    for (const ch of text) {
      const glyph = GLYPHS[ch];
      if (!glyph) throw new Error(`no glyph for ${ch}`);
      // Align the 7-row Latin glyphs with the bottom of the 11-row CJK ones.
      const top = y + (11 - glyph.length) * scale;
      glyph.forEach((row, gy) => {
        for (let gx = 0; gx < row.length; gx++) {
          if (row[gx] === "#") this.rect(cx + gx * scale, top + gy * scale, scale, scale, c);
        }
      });
      cx += (glyph[0]!.length + 1) * scale;
    }
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(canvas: Canvas, description: string): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(canvas.width, 0);
  ihdr.writeUInt32BE(canvas.height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method variants, no interlace
  const stride = canvas.width * 3;
  const raw = Buffer.alloc((stride + 1) * canvas.height);
  for (let y = 0; y < canvas.height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    canvas.pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  // iTXt: keyword, NUL, compression flag, method, language tag NUL, translated keyword NUL, UTF-8 text.
  const itxt = Buffer.concat([Buffer.from("Description\0\0\0\0\0", "latin1"), Buffer.from(description, "utf8")]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("iTXt", itxt),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export function makePng(description: string): Buffer {
  const canvas = new Canvas(480, 220, [255, 255, 255]);
  canvas.rect(0, 0, 480, 16, [31, 58, 95]);
  canvas.text(24, 40, "DOCGATE DEMO", 5, [31, 58, 95]);
  canvas.text(24, 120, "中文 PNG", 6, [192, 80, 77]);
  canvas.rect(0, 204, 480, 16, [79, 129, 189]);
  return encodePng(canvas, description);
}
