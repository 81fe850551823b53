import sharp from "sharp";

export { makePng } from "@sorot/db";

/**
 * A phone camera's photo: `width`×`height` as seen upright, stored sideways with EXIF orientation 6
 * (as phones held upright write it), the camera's make and a GPS position in its EXIF. A blue
 * square marks the upright top-right corner, so a test can tell whether the rotation was applied.
 */
export async function makeCameraPhoto(width: number, height: number): Promise<Buffer> {
  const marker = Math.round(Math.min(width, height) / 5);
  const square = await sharp({
    create: { width: marker, height: marker, channels: 3, background: "#0000ff" },
  })
    .png()
    .toBuffer();
  // Orientation 6 turns the stored picture a quarter clockwise: its top-left is the upright top-right.
  return sharp({ create: { width: height, height: width, channels: 3, background: "#ff0000" } })
    .composite([{ input: square, left: 0, top: 0 }])
    .jpeg()
    .withExif({
      IFD0: { Make: "SorotCam" },
      IFD3: {
        GPSLatitudeRef: "S",
        GPSLatitude: "6/1 12/1 0/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "106/1 49/1 0/1",
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** Whether EXIF bytes hold a GPS block (the GPSInfo pointer, tag 0x8825, in either byte order). */
export function hasGpsBlock(exif: Buffer): boolean {
  return exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
}

/** The first bytes of a HEIC file (an ISO-BMFF `ftyp` box with the `heic` brand). */
export function makeHeicHeader(): Buffer {
  return Buffer.concat([box("ftyp", Buffer.from("heic\0\0\0\0mif1heic", "latin1")), Buffer.alloc(64)]);
}

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, "latin1");
  return Buffer.concat([header, body]);
}

/** An MP4 container (ftyp, moov with mvhd and a video tkhd, empty mdat) of the given size and length. */
export function makeMp4(width: number, height: number, durationMs: number): Buffer {
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12); // timescale: milliseconds
  mvhd.writeUInt32BE(durationMs, 16);
  const tkhd = Buffer.alloc(84);
  tkhd.writeUInt32BE(width << 16, 76);
  tkhd.writeUInt32BE(height << 16, 80);
  const ftyp = box(
    "ftyp",
    Buffer.from("isom", "latin1"),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from("isomiso2mp41", "latin1"),
  );
  return Buffer.concat([
    ftyp,
    box("moov", box("mvhd", mvhd), box("trak", box("tkhd", tkhd))),
    box("mdat", Buffer.alloc(256)),
  ]);
}

/** A multipart/form-data body with one file, as a browser sends it. */
export function multipart(fieldName: string, filename: string, contentType: string, bytes: Buffer) {
  const boundary = `----sorot${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${fieldName}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
