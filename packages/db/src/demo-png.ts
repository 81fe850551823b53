import { crc32, deflateSync } from "node:zlib";

type Rgb = readonly [number, number, number];

const AMBER: Rgb = [0xf5, 0x9e, 0x0b];

/**
 * Real, decodable truecolour PNG files of any size, made in code so nothing binary lives in the
 * repo (the demo seed, the tests and the e2e journeys use it). Flat amber by default, which
 * compresses to almost nothing; with `to`, rows fade from `from` to `to`, so a screenshot shows
 * the creative as an image rather than a flat block.
 */
export function makePng(width: number, height: number, from: Rgb = AMBER, to: Rgb = from): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // truecolour RGB
  const rows = Array.from({ length: height }, (_, y) => {
    const share = height > 1 ? y / (height - 1) : 0;
    const pixel = Buffer.from(from.map((start, i) => Math.round(start + ((to[i] ?? start) - start) * share)));
    // One filter byte (none), then the row's colour repeated.
    return Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, pixel)]);
  });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
