import { describe, expect, it } from "vitest";
import { readMp4Header } from "../src/modules/uploads/media-probe.js";
import { createBusinessFor, signUp, useTestApp } from "./helpers.js";
import { makeJpegHeader, makeMp4, makePng, multipart } from "./media.js";

const t = useTestApp();

async function upload(file: { name: string; type: string; bytes: Buffer }, field = "file") {
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner);
  const body = multipart(field, file.name, file.type, file.bytes);
  const response = await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${business.id}/uploads`,
    headers: { ...owner.auth, ...body.headers },
    payload: body.payload,
  });
  return { response, owner, business };
}

describe("creative uploads", () => {
  it("accepts a square PNG, reads its real size and serves it back with nosniff", async () => {
    const { response } = await upload({ name: "kopi.png", type: "image/png", bytes: makePng(1080, 1080) });
    expect(response.statusCode).toBe(201);
    const asset = response.json();
    expect(asset).toMatchObject({ kind: "image", mimeType: "image/png", width: 1080, height: 1080 });
    const served = await t.app.inject({ method: "GET", url: asset.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(served.rawPayload.equals(makePng(1080, 1080))).toBe(true);
  });

  it("trusts the bytes, not the name: a JPEG called .png is stored as a JPEG", async () => {
    const { response } = await upload({
      name: "foto.png",
      type: "image/png",
      bytes: makeJpegHeader(1080, 1920),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ mimeType: "image/jpeg", width: 1080, height: 1920 });
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

  it("refuses wrong aspect ratios and images too small to look sharp", async () => {
    const wide = await upload({ name: "a.png", type: "image/png", bytes: makePng(1200, 500) });
    expect(wide.response.statusCode).toBe(422);
    expect(wide.response.json().detail).toMatch(/9:16|1:1|16:9|aspect/i);
    // Each refusal carries its code and the measured values, so the dashboard words it in Indonesian.
    expect(wide.response.json().errors).toMatchObject([
      { path: "file", code: "CREATIVE_ASPECT_RATIO", params: { width: 1200, height: 500 } },
      { path: "file", code: "CREATIVE_TOO_SMALL", params: { minShortSidePx: 600 } },
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

  it("refuses an image over 5 MB even though videos may be larger", async () => {
    const padded = Buffer.concat([makePng(1080, 1080), Buffer.alloc(6 * 1024 * 1024)]);
    const { response } = await upload({ name: "big.png", type: "image/png", bytes: padded });
    expect(response.statusCode).toBe(422);
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
