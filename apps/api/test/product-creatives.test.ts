import { createHash } from "node:crypto";
import { PRODUCT_TEMPLATES } from "@sorot/core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createBusinessFor, signUp, useTestApp } from "./helpers.js";
import { makeCameraPhoto } from "./media.js";

const t = useTestApp();

/** A multipart body with the photo in `file` and the given text fields, as the builder sends it. */
function productForm(photo: Buffer, fields: Record<string, string>) {
  const boundary = `----sorot${Math.random().toString(16).slice(2)}`;
  const parts = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="produk.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    photo,
    Buffer.from("\r\n"),
    ...Object.entries(fields).map(([name, value]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ];
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

const WORDS = {
  productName: "Kopi Susu Gula Aren",
  priceMicros: "25000000000",
  callToAction: "Pesan sekarang",
  template: "bold",
};

async function make(fields: Record<string, string>, photo?: Buffer) {
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner);
  const body = productForm(photo ?? (await makeCameraPhoto(1500, 2000)), fields);
  return t.app.inject({
    method: "POST",
    url: `/v1/businesses/${business.id}/creatives/product`,
    headers: { ...owner.auth, ...body.headers },
    payload: body.payload,
  });
}

async function served(url: string) {
  return (await t.app.inject({ method: "GET", url })).rawPayload;
}

describe("creatives from a product photo", () => {
  it("renders every template as 9:16, 1:1 and 4:5 JPEGs, stored as creatives with the photo's hash", async () => {
    const photo = await makeCameraPhoto(1500, 2000);
    for (const template of PRODUCT_TEMPLATES) {
      const response = await make({ ...WORDS, template }, photo);
      expect(response.statusCode, response.body).toBe(201);
      const made = response.json();
      expect(made.template).toBe(template);
      expect(made.creatives.map((c: { shape: string }) => c.shape)).toEqual(["9:16", "1:1", "4:5"]);
      const sizes: [number, number][] = [];
      for (const { asset } of made.creatives) {
        expect(asset).toMatchObject({
          kind: "image",
          mimeType: "image/jpeg",
          originalSha256: createHash("sha256").update(photo).digest("hex"),
          warnings: [],
        });
        const meta = await sharp(await served(asset.url)).metadata();
        expect(meta.format).toBe("jpeg");
        expect(meta.exif).toBeUndefined();
        expect([asset.width, asset.height]).toEqual([meta.width, meta.height]);
        sizes.push([meta.width, meta.height]);
      }
      expect(sizes).toEqual([
        [1080, 1920],
        [1080, 1080],
        [1080, 1350],
      ]);
    }
  });

  it("draws the words: other words (or another price) give another image", async () => {
    const photo = await makeCameraPhoto(1500, 2000);
    const first = (await make(WORDS, photo)).json();
    const renamed = (await make({ ...WORDS, productName: "Es Teh Manis" }, photo)).json();
    const repriced = (await make({ ...WORDS, priceMicros: "30000000000" }, photo)).json();
    const again = (await make(WORDS, photo)).json();
    const digest = async (made: { creatives: { asset: { url: string } }[] }) =>
      createHash("sha256")
        .update(
          await sharp(await served(made.creatives[0]?.asset.url ?? ""))
            .raw()
            .toBuffer(),
        )
        .digest("hex");
    const [a, b, c, d] = await Promise.all([first, renamed, repriced, again].map(digest));
    expect(b).not.toBe(a);
    expect(c).not.toBe(a);
    // The same photo and words render the same pixels: the difference above is the words.
    expect(d).toBe(a);
  });

  it("keeps a small photo's warning and refuses one under 320 px", async () => {
    const small = await make(WORDS, await makeCameraPhoto(400, 500));
    expect(small.statusCode).toBe(201);
    expect(small.json().creatives[0].asset.warnings).toMatchObject([{ code: "CREATIVE_LOW_RESOLUTION" }]);
    const tiny = await make(WORDS, await makeCameraPhoto(300, 300));
    expect(tiny.statusCode).toBe(422);
    expect(tiny.json().errors).toMatchObject([{ path: "file", code: "CREATIVE_TOO_SMALL" }]);
  });

  it("answers 400 with the field for bad words, a bad price or an unknown template", async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ ...WORDS, productName: "" }, "productName", "TOO_SMALL"],
      [{ ...WORDS, productName: "x".repeat(41) }, "productName", "TOO_BIG"],
      [{ ...WORDS, priceMicros: "25.000" }, "priceMicros", "INVALID"],
      [{ ...WORDS, priceMicros: "0" }, "priceMicros", "INVALID"],
      [{ ...WORDS, template: "neon" }, "template", "INVALID_VALUE"],
      [{ ...WORDS, callToAction: "" }, "callToAction", "TOO_SMALL"],
      [{ ...WORDS, colour: "red" }, "body", "UNRECOGNIZED_KEYS"],
    ];
    for (const [fields, path, code] of cases) {
      const response = await make(fields);
      expect(response.statusCode, `${path}: ${response.body}`).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ path, code });
    }
    const { priceMicros: _, ...withoutPrice } = WORDS;
    const missing = await make(withoutPrice);
    expect(missing.json().errors[0]).toMatchObject({ path: "priceMicros", code: "INVALID_TYPE" });
  });
});
