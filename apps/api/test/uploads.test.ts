import { createHash } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readMp4Header } from "../src/modules/uploads/media-probe.js";
import { createBusinessFor, signUp, useTestApp } from "./helpers.js";
import { hasGpsBlock, makeCameraPhoto, makeHeicHeader, makeMp4, makePng, multipart } from "./media.js";

const t = useTestApp();

async function upload(file: { name: string; type: string; bytes: Buffer }, field = "file", query = "") {
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner);
  const body = multipart(field, file.name, file.type, file.bytes);
  const response = await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${business.id}/uploads${query}`,
    headers: { ...owner.auth, ...body.headers },
    payload: body.payload,
  });
  return { response, owner, business };
}

describe("creative uploads", () => {
  it("accepts a square PNG, stores it re-encoded as JPEG and serves it back with nosniff", async () => {
    const png = makePng(1080, 1080);
    const { response } = await upload({ name: "kopi.png", type: "image/png", bytes: png });
    expect(response.statusCode).toBe(201);
    const asset = response.json();
    expect(asset).toMatchObject({
      kind: "image",
      mimeType: "image/jpeg",
      width: 1080,
      height: 1080,
      originalSha256: createHash("sha256").update(png).digest("hex"),
      warnings: [],
    });
    const served = await t.app.inject({ method: "GET", url: asset.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/jpeg");
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(await sharp(served.rawPayload).metadata()).toMatchObject({
      format: "jpeg",
      width: 1080,
      height: 1080,
    });
  });

  it("trusts the bytes, not the name: a JPEG called .png is read as a JPEG", async () => {
    const jpeg = await sharp(makePng(1080, 1920)).jpeg().toBuffer();
    const { response } = await upload({ name: "foto.png", type: "image/png", bytes: jpeg });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ mimeType: "image/jpeg", width: 1080, height: 1920 });
  });

  describe("a 1500×2000 phone photo, stored sideways with EXIF orientation and GPS", () => {
    const crops = [
      { shape: "9:16", area: { left: 375, top: 0, width: 1125, height: 2000 }, size: [1080, 1920] },
      { shape: "4:5", area: { left: 0, top: 0, width: 1500, height: 1875 }, size: [1080, 1350] },
    ] as const;

    for (const { shape, area, size } of crops) {
      it(`is cropped to ${shape} upright, without metadata, and keeps the original's hash`, async () => {
        const photo = await makeCameraPhoto(1500, 2000);
        const before = await sharp(photo).metadata();
        expect(before).toMatchObject({ width: 2000, height: 1500, orientation: 6 });
        expect(before.exif?.includes("SorotCam")).toBe(true);
        expect(before.exif && hasGpsBlock(before.exif)).toBe(true);

        const query = `?shape=${shape}&left=${area.left}&top=${area.top}&width=${area.width}&height=${area.height}`;
        const { response } = await upload(
          { name: "IMG_0001.jpg", type: "image/jpeg", bytes: photo },
          "file",
          query,
        );
        expect(response.statusCode, response.body).toBe(201);
        const asset = response.json();
        expect(asset).toMatchObject({
          mimeType: "image/jpeg",
          width: size[0],
          height: size[1],
          originalSha256: createHash("sha256").update(photo).digest("hex"),
          warnings: [],
        });

        const stored = (await t.app.inject({ method: "GET", url: asset.url })).rawPayload;
        const after = await sharp(stored).metadata();
        expect(after).toMatchObject({ format: "jpeg", width: size[0], height: size[1] });
        // No EXIF (GPS, camera, orientation), no XMP, no IPTC, no ICC profile left in the file.
        expect(after.exif).toBeUndefined();
        expect(after.xmp).toBeUndefined();
        expect(after.iptc).toBeUndefined();
        expect(after.icc).toBeUndefined();
        expect(after.orientation).toBeUndefined();
        expect(stored.includes("SorotCam")).toBe(false);
        // Upright: the blue marker is at the top-right corner, red at the top-left and bottom-right.
        const pixels = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
        const at = (x: number, y: number) => {
          const offset = (y * pixels.info.width + x) * pixels.info.channels;
          return [...pixels.data.subarray(offset, offset + 3)];
        };
        const [blue, red] = [at(size[0] - 5, 5), at(5, 5)];
        expect(blue[2]).toBeGreaterThan(200);
        expect(blue[0]).toBeLessThan(60);
        expect(red[0]).toBeGreaterThan(200);
        expect(red[2]).toBeLessThan(60);
        expect(at(size[0] - 5, size[1] - 5)[0]).toBeGreaterThan(200);
      });
    }

    it("is refused without a crop, for its 3:4 shape, and with a crop outside it", async () => {
      const photo = await makeCameraPhoto(1500, 2000);
      const whole = await upload({ name: "IMG.jpg", type: "image/jpeg", bytes: photo });
      expect(whole.response.statusCode).toBe(422);
      expect(whole.response.json().errors).toMatchObject([
        { path: "file", code: "CREATIVE_ASPECT_RATIO", params: { width: 1080, height: 1440 } },
      ]);
      // 2000 wide is the stored, sideways width: upright, the photo is 1500 wide.
      const outside = await upload(
        { name: "IMG.jpg", type: "image/jpeg", bytes: photo },
        "file",
        "?shape=1:1&left=600&top=0&width=1000&height=1000",
      );
      expect(outside.response.statusCode).toBe(400);
      expect(outside.response.json().errors).toMatchObject([
        { path: "querystring.left", code: "CROP_OUTSIDE_IMAGE" },
      ]);
      const partial = await upload(
        { name: "IMG.jpg", type: "image/jpeg", bytes: photo },
        "file",
        "?shape=1:1",
      );
      expect(partial.response.statusCode).toBe(400);
      expect(partial.response.json().errors.map((error: { path: string }) => error.path)).toEqual([
        "querystring.left",
        "querystring.top",
        "querystring.width",
        "querystring.height",
      ]);
    });
  });

  it("stores a 400×500 photo with a low-resolution warning and refuses a 300 px one", async () => {
    const small = await makeCameraPhoto(400, 500);
    const warned = await upload({ name: "kecil.jpg", type: "image/jpeg", bytes: small });
    expect(warned.response.statusCode, warned.response.body).toBe(201);
    expect(warned.response.json()).toMatchObject({
      width: 400,
      height: 500,
      warnings: [{ code: "CREATIVE_LOW_RESOLUTION", params: { shortSidePx: 400, sharpShortSidePx: 600 } }],
    });
    const tiny = await upload(
      { name: "kecil.jpg", type: "image/jpeg", bytes: await makeCameraPhoto(300, 400) },
      "file",
      "?shape=9:16&left=0&top=0&width=225&height=400",
    );
    expect(tiny.response.statusCode).toBe(422);
    expect(tiny.response.json().errors).toMatchObject([
      { path: "file", code: "CREATIVE_TOO_SMALL", params: { minShortSidePx: 320 } },
    ]);
  });

  it("refuses a HEIC photo with its own code, saying to pick a JPEG", async () => {
    const { response } = await upload({ name: "IMG_0002.HEIC", type: "image/heic", bytes: makeHeicHeader() });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({
      code: "HEIC_NOT_SUPPORTED",
      errors: [{ path: "file", code: "HEIC_NOT_SUPPORTED" }],
    });
    expect(response.json().detail).toMatch(/JPEG/);
  });

  it("refuses a text file renamed to .jpg", async () => {
    const { response } = await upload({
      name: "virus.jpg",
      type: "image/jpeg",
      bytes: Buffer.from("hello, not an image".repeat(20)),
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: "UNSUPPORTED_MEDIA", errors: [{ path: "file" }] });
  });

  it("refuses wrong aspect ratios and images under the 320 px floor, each with its code", async () => {
    const wide = await upload({ name: "a.png", type: "image/png", bytes: makePng(1200, 300) });
    expect(wide.response.statusCode).toBe(422);
    expect(wide.response.json().detail).toMatch(/9:16|1:1|16:9|aspect/i);
    // Each refusal carries its code and the measured values, so the dashboard words it in Indonesian.
    expect(wide.response.json().errors).toMatchObject([
      { path: "file", code: "CREATIVE_ASPECT_RATIO", params: { width: 1200, height: 300 } },
      { path: "file", code: "CREATIVE_TOO_SMALL", params: { minShortSidePx: 320 } },
    ]);
    const tiny = await upload({ name: "b.png", type: "image/png", bytes: makePng(300, 300) });
    expect(tiny.response.statusCode).toBe(422);
    expect(tiny.response.json().errors).toMatchObject([{ code: "CREATIVE_TOO_SMALL" }]);
  });

  it("accepts a 15 s 9:16 MP4 and refuses a 3 s one", async () => {
    const ok = await upload({ name: "promo.mp4", type: "video/mp4", bytes: makeMp4(1080, 1920, 15_000) });
    expect(ok.response.statusCode).toBe(201);
    expect(ok.response.json()).toMatchObject({
      kind: "video",
      width: 1080,
      height: 1920,
      durationMs: 15_000,
    });
    const short = await upload({ name: "short.mp4", type: "video/mp4", bytes: makeMp4(1080, 1920, 3_000) });
    expect(short.response.statusCode).toBe(422);
  });

  it("refuses a body over the limit without reading it all, and a request without a file", async () => {
    const huge = Buffer.alloc(51 * 1024 * 1024);
    makePng(1080, 1080).copy(huge);
    const { response } = await upload({ name: "huge.png", type: "image/png", bytes: huge });
    expect(response.statusCode).toBe(413);
    const wrongField = await upload(
      { name: "x.png", type: "image/png", bytes: makePng(1080, 1080) },
      "image",
    );
    expect(wrongField.response.statusCode).toBe(400);
    expect(wrongField.response.json().errors[0].path).toBe("file");
  });

  it("answers 400 MALFORMED_MULTIPART to a body that claims to be multipart but is not", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    for (const payload of ["kopi", "--b\r\n", "--b\r\nContent-Disposition: form-data\r\n"]) {
      const response = await t.app.inject({
        method: "POST",
        url: `/v1/businesses/${business.id}/uploads`,
        headers: { ...owner.auth, "content-type": "multipart/form-data; boundary=b" },
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe("MALFORMED_MULTIPART");
    }
  });

  it("refuses a photo over 25 MB even though videos may be larger", async () => {
    const padded = Buffer.concat([makePng(1080, 1080), Buffer.alloc(26 * 1024 * 1024)]);
    const { response } = await upload({ name: "big.png", type: "image/png", bytes: padded });
    expect(response.statusCode).toBe(413);
  });
});

describe("MP4 header reader", () => {
  it("reads duration and size from mvhd and tkhd", () => {
    expect(readMp4Header(makeMp4(1920, 1080, 30_500))).toEqual({
      width: 1920,
      height: 1080,
      durationMs: 30_500,
    });
  });

  it("gives up quietly on truncated or foreign bytes", () => {
    expect(readMp4Header(makeMp4(1920, 1080, 30_500).subarray(0, 40))).toBeUndefined();
    expect(readMp4Header(Buffer.from("not a movie at all"))).toBeUndefined();
  });
});
