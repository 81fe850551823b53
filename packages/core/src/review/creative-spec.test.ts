import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACCEPTED_ASPECT_RATIOS,
  CREATIVE_LIMITS,
  type CreativeSpec,
  checkCreative,
  matchAspectRatio,
  planImage,
} from "./creative-spec.js";

const MB = 1024 * 1024;
const image: CreativeSpec = {
  kind: "image",
  width: 1080,
  height: 1080,
  bytes: 800_000,
  mimeType: "image/jpeg",
};
const video: CreativeSpec = {
  kind: "video",
  width: 1080,
  height: 1920,
  durationMs: 15_000,
  bytes: 12 * MB,
  mimeType: "video/mp4",
};

function codes(creative: CreativeSpec): string[] {
  return checkCreative(creative).map((flag) => flag.code);
}

describe("creative limits", () => {
  it("exports the accepted shapes and limits for the upload code", () => {
    expect(ACCEPTED_ASPECT_RATIOS.map((ratio) => ratio.name)).toEqual(["9:16", "4:5", "1:1", "16:9"]);
    expect(CREATIVE_LIMITS.image.maxBytes).toBe(5 * MB);
    expect(CREATIVE_LIMITS.video.maxBytes).toBe(50 * MB);
    expect(CREATIVE_LIMITS.video.minDurationMs).toBe(5_000);
    expect(CREATIVE_LIMITS.video.maxDurationMs).toBe(60_000);
    expect(CREATIVE_LIMITS.minShortSidePx).toBe(600);
    expect(CREATIVE_LIMITS.image.minShortSidePx).toBe(320);
  });

  it("matches aspect ratios within 1%", () => {
    expect(matchAspectRatio(1080, 1920)?.name).toBe("9:16");
    expect(matchAspectRatio(1080, 1080)?.name).toBe("1:1");
    expect(matchAspectRatio(1920, 1080)?.name).toBe("16:9");
    expect(matchAspectRatio(1080, 1070)?.name).toBe("1:1"); // 0.93% off
    expect(matchAspectRatio(1080, 1060)).toBeNull(); // 1.9% off
    expect(matchAspectRatio(1080, 1350)?.name).toBe("4:5");
    expect(matchAspectRatio(1500, 2000)).toBeNull(); // 3:4, a phone camera's own shape
    expect(matchAspectRatio(0, 1080)).toBeNull();
    expect(matchAspectRatio(Number.NaN, 1080)).toBeNull();
  });
});

describe("checkCreative", () => {
  it("accepts a well-made image and video", () => {
    expect(codes(image)).toEqual([]);
    expect(codes({ ...image, mimeType: "image/png", width: 1920, height: 1080 })).toEqual([]);
    expect(codes({ ...image, mimeType: "image/webp", bytes: 5 * MB })).toEqual([]);
    expect(codes(video)).toEqual([]);
    expect(codes({ ...video, mimeType: "video/mp4; codecs=avc1", durationMs: 5_000 })).toEqual([]);
    expect(codes({ ...video, durationMs: 60_000, bytes: 50 * MB })).toEqual([]);
  });

  it("flags formats other than JPEG, PNG, WebP images and MP4 videos", () => {
    expect(codes({ ...image, mimeType: "image/gif" })).toEqual(["creative_format"]);
    expect(codes({ ...image, mimeType: "video/mp4" })).toEqual(["creative_format"]);
    expect(codes({ ...video, mimeType: "video/quicktime" })).toEqual(["creative_format"]);
    expect(codes({ ...video, mimeType: "" })).toEqual(["creative_format"]);
  });

  it("flags files over the size limit", () => {
    expect(codes({ ...image, bytes: 5 * MB + 1 })).toEqual(["creative_too_large"]);
    expect(codes({ ...video, bytes: 50 * MB + 1 })).toEqual(["creative_too_large"]);
    const [flag] = checkCreative({ ...image, bytes: 7.3 * MB });
    expect(flag?.message.id).toContain("7,3 MB");
    expect(flag?.message.en).toContain("7.3 MB");
  });

  it("flags videos shorter than 5 s, longer than 60 s or of unknown length", () => {
    expect(codes({ ...video, durationMs: 4_999 })).toEqual(["creative_duration"]);
    expect(codes({ ...video, durationMs: 60_001 })).toEqual(["creative_duration"]);
    const { durationMs: _unknown, ...withoutDuration } = video;
    expect(codes(withoutDuration)).toEqual(["creative_duration"]);
    expect(codes({ ...video, durationMs: Number.NaN })).toEqual(["creative_duration"]);
  });

  it("flags shapes other than 9:16, 4:5, 1:1 and 16:9", () => {
    expect(codes({ ...image, width: 1080, height: 1350 })).toEqual([]);
    expect(codes({ ...image, width: 1500, height: 2000 })).toEqual(["creative_aspect_ratio"]);
    expect(codes({ ...video, width: 1440, height: 1080 })).toEqual(["creative_aspect_ratio"]);
  });

  it("refuses a video under 600 px; warns about an image under 600 px down to its 320 px floor", () => {
    expect(codes({ ...video, width: 540, height: 960 })).toEqual(["creative_too_small"]);
    expect(codes({ ...image, width: 600, height: 600 })).toEqual([]);
    const [low] = checkCreative({ ...image, width: 400, height: 500 });
    expect(low).toMatchObject({
      code: "creative_low_resolution",
      severity: "warning",
      params: { shortSidePx: 400, sharpShortSidePx: 600 },
    });
    expect(codes({ ...image, width: 320, height: 320 })).toEqual(["creative_low_resolution"]);
    const [tiny] = checkCreative({ ...image, width: 319, height: 319 });
    expect(tiny).toMatchObject({
      code: "creative_too_small",
      severity: "block_suggested",
      params: { minShortSidePx: 320 },
    });
    expect(codes({ ...image, width: 0, height: 0 })).toEqual(["creative_too_small"]);
  });

  it("reports every problem at once, each for the creative field", () => {
    const flags = checkCreative({
      kind: "video",
      width: 400,
      height: 700,
      bytes: 80 * MB,
      mimeType: "video/avi",
    });
    expect(flags.map((flag) => flag.code)).toEqual([
      "creative_format",
      "creative_too_large",
      "creative_duration",
      "creative_aspect_ratio",
      "creative_too_small",
    ]);
    for (const flag of flags) expect(flag).toMatchObject({ field: "creative", reason: null });
  });
});

describe("planImage", () => {
  const photo = { width: 1500, height: 2000 };

  it("keeps a whole photo, scaled down to 1080 px on the short side and never enlarged", () => {
    expect(planImage(photo)).toEqual({
      ok: true,
      extract: { left: 0, top: 0, width: 1500, height: 2000 },
      output: { width: 1080, height: 1440 },
    });
    expect(planImage({ width: 400, height: 500 })).toMatchObject({ output: { width: 400, height: 500 } });
  });

  it("cuts the asked area to the exact shape, centred, and scales it", () => {
    const plan = planImage(photo, {
      shape: "9:16",
      rect: { left: 0, top: 0, width: 1125, height: 2000 },
    });
    expect(plan).toEqual({
      ok: true,
      extract: { left: 0, top: 0, width: 1125, height: 2000 },
      output: { width: 1080, height: 1920 },
    });
    // A cropper's area one pixel too tall loses the pixel, not the shape.
    const fourFive = planImage(photo, {
      shape: "4:5",
      rect: { left: 0, top: 100, width: 1500, height: 1876 },
    });
    expect(fourFive).toMatchObject({
      extract: { left: 0, top: 100, width: 1500, height: 1875 },
      output: { width: 1080, height: 1350 },
    });
  });

  it("refuses an area outside the photo", () => {
    for (const rect of [
      { left: -1, top: 0, width: 100, height: 100 },
      { left: 1401, top: 0, width: 100, height: 100 },
      { left: 0, top: 0, width: 0, height: 100 },
      { left: 0.5, top: 0, width: 100, height: 100 },
    ])
      expect(planImage(photo, { shape: "1:1", rect })).toEqual({ ok: false, problem: "crop_outside_image" });
  });

  it("always gives a shape within tolerance and an area inside the photo", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 8000 }),
        fc.integer({ min: 20, max: 8000 }),
        fc.constantFrom(...ACCEPTED_ASPECT_RATIOS),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (width, height, ratio, fx, fy) => {
          const rectWidth = Math.max(1, Math.floor(width * (0.2 + 0.8 * fx)));
          const rectHeight = Math.max(1, Math.floor(height * (0.2 + 0.8 * fy)));
          const rect = { left: width - rectWidth, top: 0, width: rectWidth, height: rectHeight };
          const plan = planImage({ width, height }, { shape: ratio.name, rect });
          if (!plan.ok) return false;
          const { extract, output } = plan;
          const insideArea =
            extract.left >= rect.left &&
            extract.top >= rect.top &&
            extract.left + extract.width <= rect.left + rect.width &&
            extract.top + extract.height <= rect.top + rect.height;
          const shortSide = Math.min(extract.width, extract.height);
          // Rounding to whole pixels only matters for a tiny area, which the size floor refuses anyway.
          const shaped =
            shortSide < 100 || matchAspectRatio(output.width, output.height)?.name === ratio.name;
          return insideArea && shaped && Math.min(output.width, output.height) <= 1080;
        },
      ),
    );
  });
});
