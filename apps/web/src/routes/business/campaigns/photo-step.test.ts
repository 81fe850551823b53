import { describe, expect, it } from "vitest";
import { precheckFile } from "./CreativeUpload";
import { nearestShape } from "./PhotoCropper";
import { parseRupiahInput } from "./ProductCreator";

describe("the photo step", () => {
  it("tells a HEIC photo apart, by its type or its name, before sending a byte", () => {
    expect(precheckFile({ type: "image/heic", size: 1, name: "IMG_1.HEIC" })).toBe("heic");
    expect(precheckFile({ type: "", size: 1, name: "IMG_1.heif" })).toBe("heic");
    expect(precheckFile({ type: "image/jpeg", size: 20 * 1024 * 1024, name: "a.jpg" })).toBeNull();
    expect(precheckFile({ type: "image/jpeg", size: 26 * 1024 * 1024, name: "a.jpg" })).toBe("tooBig");
    expect(precheckFile({ type: "image/gif", size: 1, name: "a.gif" })).toBe("wrongType");
  });

  it("starts the crop at the shape closest to the photo's own", () => {
    expect(nearestShape(1500, 2000)).toBe("4:5");
    expect(nearestShape(1080, 2400)).toBe("9:16");
    expect(nearestShape(4000, 3000)).toBe("1:1");
    expect(nearestShape(1920, 1000)).toBe("16:9");
  });

  it("reads a typed price as whole rupiah, whatever the dots", () => {
    expect(parseRupiahInput("25.000")).toBe(25_000n);
    expect(parseRupiahInput("Rp 1.250.000")).toBe(1_250_000n);
    expect(parseRupiahInput("99999999999999999999")).toBe(99_999_999_999_999_999_999n);
    expect(parseRupiahInput("")).toBeNull();
  });
});
