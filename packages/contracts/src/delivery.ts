import { cityByCode, provinceByCode } from "@sorot/core";
import { z } from "zod";
import { CityCode, ProvinceCodeShape } from "./regions.js";
import { freeText } from "./text.js";
import { ViewerAgeBand, ViewerDevice, ViewerGender, ViewerLanguage } from "./viewer.js";

/**
 * What a placement says of its viewer's place. A well-formed value Sorot does not know is dropped,
 * so it matches nothing and is never stored as if it were a place; a malformed one is a 400.
 */
export const ViewerProvince = ProvinceCodeShape.transform((code) =>
  provinceByCode(code) ? code : undefined,
);
export const ViewerCity = CityCode.transform((code) => (cityByCode(code) ? code : undefined));

// Every value of a decision's context lands in the raw events table: text PostgreSQL cannot store
// is refused here, or one such request would fail its tally batch on every retry.
export const PlacementId = freeText({ min: 1, max: 64 });
export const ViewerId = freeText({ min: 1, max: 128 });

export const CreativeKind = z.enum(["image", "video"]);

const Interests = z.array(freeText({ max: 40 })).max(30);

/**
 * What a placement knows of its viewer: the targeting parameters of every ad request, the same for
 * the decision API's body, VAST's query string and the demo feed. Unknown values are ignored by
 * targeting (they match only campaigns that do not target that attribute); malformed ones are a 400.
 */
const VIEWER_PROFILE = {
  province: ViewerProvince.optional(),
  city: ViewerCity.optional(),
  ageBand: ViewerAgeBand.optional(),
  gender: ViewerGender.optional(),
  device: ViewerDevice.optional(),
  language: ViewerLanguage.optional(),
  interests: Interests.optional(),
};

export const DecisionContext = z.strictObject({ viewerId: ViewerId, ...VIEWER_PROFILE });
export type DecisionContext = z.infer<typeof DecisionContext>;

export const DecisionBody = z.strictObject({
  placementId: PlacementId,
  /** What the placement can show; omitted, any format. */
  formats: z.array(CreativeKind).min(1).max(2).optional(),
  context: DecisionContext,
});

/** A query-string list: `a,b` or the key repeated. */
function commaList(value: unknown): unknown {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((item) => (typeof item === "string" ? item.split(",").filter(Boolean) : [item]));
}

/**
 * VAST's query string: the decision's viewer profile with interests as a list. Not strict, since
 * video players append parameters of their own (cache busters, macros).
 */
export const VastQuery = z.object({
  placementId: PlacementId,
  viewerId: ViewerId.optional(),
  ...VIEWER_PROFILE,
  interests: z.preprocess(commaList, Interests).optional(),
});
