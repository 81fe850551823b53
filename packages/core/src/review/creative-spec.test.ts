import { describe, expect, it } from "vitest";
import {
  ACCEPTED_ASPECT_RATIOS,
  CREATIVE_LIMITS,
  type CreativeSpec,
  checkCreative,
  matchAspectRatio,
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
    expect(ACCEPTED_ASPECT_RATIOS.map((ratio) => ratio.name)).toEqual(["9:16", "1:1", "16:9"]);
    expect(CREATIVE_LIMITS.image.maxBytes).toBe(5 * MB);
    expect(CREATIVE_LIMITS.video.maxBytes).toBe(50 * MB);
    expect(CREATIVE_LIMITS.video.minDurationMs).toBe(5_000);
    expect(CREATIVE_LIMITS.video.maxDurationMs).toBe(60_000);
    expect(CREATIVE_LIMITS.minShortSidePx).toBe(600);
  });

  it("matches aspect ratios within 1%", () => {
    expect(matchAspectRatio(1080, 1920)?.name).toBe("9:16");
    expect(matchAspectRatio(1080, 1080)?.name).toBe("1:1");
    expect(matchAspectRatio(1920, 1080)?.name).toBe("16:9");
    expect(matchAspectRatio(1080, 1070)?.name).toBe("1:1"); // 0.93% off
    expect(matchAspectRatio(1080, 1060)).toBeNull(); // 1.9% off
    expect(matchAspectRatio(1080, 1350)).toBeNull(); // 4:5
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

  it("flags shapes other than 9:16, 1:1 and 16:9", () => {
    expect(codes({ ...image, width: 1080, height: 1350 })).toEqual(["creative_aspect_ratio"]);
    expect(codes({ ...video, width: 1440, height: 1080 })).toEqual(["creative_aspect_ratio"]);
  });

  it("flags a short side under 600 px", () => {
    expect(codes({ ...image, width: 599, height: 599 })).toEqual(["creative_too_small"]);
    expect(codes({ ...image, width: 600, height: 600 })).toEqual([]);
    expect(codes({ ...video, width: 540, height: 960 })).toEqual(["creative_too_small"]);
    expect(codes({ ...image, width: 0, height: 0 })).toEqual(["creative_too_small"]);
  });

  it("reports every problem at once, each for the creative field", () => {
    const flags = checkCreative({
      kind: "video",
      width: 400,
      height: 500,
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
