import { CITY_ALIAS_PATTERN, CITY_CODE_PATTERN, normalizeCityCode } from "@sorot/core";
import { z } from "zod";

const MALFORMED = { abort: true, params: { code: "MALFORMED_REGION_CODE" } } as const;

/**
 * A regency or city as an input names it: its Kemendagri code (`31.74`), or the slug Sorot used
 * before (`jakarta-selatan`), which becomes its code here so nothing past the edge sees a slug.
 * Only the shape is checked: an unknown code of the right shape is for the caller to judge
 * (a campaign reports it, a decision ignores it).
 */
export const CityCode = z
  .string()
  .max(60)
  .refine((value) => CITY_CODE_PATTERN.test(value) || CITY_ALIAS_PATTERN.test(value), {
    message: "must be a Kemendagri regency code such as 31.74",
    ...MALFORMED,
  })
  .transform(normalizeCityCode);

/** An ISO 3166-2:ID province code (`ID-JK`) by its shape. */
export const ProvinceCodeShape = z
  .string()
  .max(8)
  .refine((value) => /^ID-[A-Z]{2}$/.test(value), {
    message: "must be an ISO 3166-2:ID code such as ID-JK",
    ...MALFORMED,
  });
