import type { PrescreenFlag } from "@sorot/contracts";
import { REJECTION_REASONS } from "@sorot/core";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { useLocale } from "../i18n";
import "./PrescreenFlagList.css";

type Flag = z.infer<typeof PrescreenFlag>;

/**
 * What the automated pre-screen found: how serious, in which part of the ad, and how to fix it,
 * in the viewer's language. The reviewer's page and the owner's pre-flight check show the same.
 */
export function PrescreenFlagList({
  flags,
  showReason = false,
}: {
  flags: readonly Flag[];
  /** The rejection reason a flag points at; for reviewers, who pick reasons. */
  showReason?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ul className="flag-list">
      {flags.map((flag) => (
        <li
          key={`${flag.code}-${flag.field}-${flag.match ?? ""}`}
          className={`flag-item flag-${flag.severity}`}
        >
          <p className="flag-title">
            <span className={`flag-severity flag-severity-${flag.severity}`}>
              {t(`reviews.severity.${flag.severity}`)}
            </span>{" "}
            <strong>{flag.message[locale]}</strong>
          </p>
          <p className="meta">
            {t("reviews.prescreen.field", { field: t(`reviews.fields.${flag.field}`) })}
            {flag.match && ` · ${t("reviews.prescreen.match", { match: flag.match })}`}
            {showReason &&
              flag.reason &&
              ` · ${t("reviews.prescreen.reason", { reason: REJECTION_REASONS[flag.reason].title[locale] })}`}
          </p>
          <p className="flag-fix">
            <span className="flag-fix-label">{t("reviews.prescreen.howToFix")}:</span> {flag.howToFix[locale]}
          </p>
        </li>
      ))}
    </ul>
  );
}
