import { TIME_ZONES } from "@sorot/core";
import type { ComponentProps } from "react";
import { useTranslation } from "react-i18next";
import { TIME_ZONE_ABBREVIATIONS } from "../lib/format";
import { ChoiceField } from "./Field";

type TimeZoneFieldProps = Omit<ComponentProps<typeof ChoiceField>, "label" | "hint" | "choices">;

/** The three Indonesian zones, named as people know them (WIB, WITA, WIT) with the regions in each. */
export function TimeZoneField(props: TimeZoneFieldProps) {
  const { t } = useTranslation();
  const choices = TIME_ZONES.map((timeZone) => {
    const abbreviation = TIME_ZONE_ABBREVIATIONS[timeZone];
    return {
      value: timeZone,
      label: t(`timeZones.${abbreviation}.name`),
      description: t(`timeZones.${abbreviation}.regions`),
    };
  });
  return (
    <ChoiceField
      label={t("business.timeZone")}
      hint={t("business.timeZoneHint")}
      choices={choices}
      {...props}
    />
  );
}
