import { AGE_BANDS, DEVICES, GENDERS, LANGUAGES } from "@sorot/core";
import { z } from "zod";

/**
 * One attribute a placement says of its viewer, by its shape: a well-formed value Sorot does not
 * know (an age band or a device it has no targeting for yet) is dropped, so it matches only
 * campaigns that do not target the attribute and is never stored as if it meant something; a
 * malformed one is a 400 with MALFORMED_CONTEXT_VALUE, as a malformed place is.
 */
function viewerValue(
  known: readonly string[],
  shape: RegExp,
  max: number,
  message: string,
  canonical: (value: string) => string = (value) => value,
) {
  return z
    .string()
    .max(max)
    .refine((value) => shape.test(value), {
      message,
      abort: true,
      params: { code: "MALFORMED_CONTEXT_VALUE" },
    })
    .transform((value) => {
      const key = canonical(value);
      return known.includes(key) ? key : undefined;
    });
}

export const ViewerAgeBand = viewerValue(
  AGE_BANDS,
  /^\d{1,3}(-\d{1,3}|\+)$/,
  8,
  "must be an age band such as 25-34 or 55+",
);
export const ViewerGender = viewerValue(GENDERS, /^[a-z]+$/, 16, "must be a lower-case word such as female");
export const ViewerDevice = viewerValue(DEVICES, /^[a-z]+$/, 16, "must be a lower-case word such as android");
/** A BCP 47 language tag (`id`, `jv`, `en-US`): targeting knows primary languages, so `en-US` is `en`. */
export const ViewerLanguage = viewerValue(
  LANGUAGES,
  /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
  35,
  "must be a language tag such as id or en-US",
  (tag) => tag.split("-")[0] as string,
);
