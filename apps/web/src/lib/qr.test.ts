import fc from "fast-check";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { QR_IMAGE_PX, qrImageUrl } from "./qr";

/** What a scanner reads from the image: its pixels decoded as a QR code. */
function scan(dataUrl: string): string | undefined {
  const [, base64] = dataUrl.split("base64,");
  const png = PNG.sync.read(Buffer.from(base64 ?? "", "base64"));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

// A QRIS payload as a gateway hands it (EMVCo MPM: tag-length-value, CRC16 at the end).
const QRIS =
  "00020101021226670016COM.NOBUBANK.WWW01189360050300000879140214030000012345670303UMI51440014ID.CO.QRIS.WWW0215ID20232921381250303UMI5204581253033605405500005802ID5914SOROT SANDBOX6007JAKARTA61051234062070703A016304B1E2";

describe("qrImageUrl", () => {
  it("draws a PNG that scans back to the exact payload", async () => {
    const url = await qrImageUrl(QRIS);
    expect(url.startsWith("data:image/png;base64,")).toBe(true);
    const [, base64] = url.split("base64,");
    const png = PNG.sync.read(Buffer.from(base64 ?? "", "base64"));
    expect(png.width).toBe(QR_IMAGE_PX);
    expect(scan(url)).toBe(QRIS);
  });

  it("round-trips any text a gateway could send, up to a long payload", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 400 }), async (payload) => {
        expect(scan(await qrImageUrl(payload))).toBe(payload);
      }),
      { numRuns: 30 },
    );
  });
});
