import type { Business } from "@sorot/contracts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n";
import { formatDate, TIME_ZONE_ABBREVIATIONS } from "../../lib/format";

type Standing = Pick<Business, "status" | "timeZone" | "taxId" | "createdAt">;

/**
 * A business's standing as its owner and an admin both see it. `leading` names who the reader is
 * to it (a role, the owners); `children` are facts only one of them needs. Each is a `<div>` of
 * `<dt>` and `<dd>`.
 */
export function BusinessFacts({
  business,
  leading,
  children,
}: {
  business: Standing;
  leading?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <dl className="facts">
      {leading}
      <div>
        <dt>{t("business.home.status")}</dt>
        <dd>
          <span className={`badge badge-${business.status}`}>
            {business.status === "active"
              ? t("business.home.statusActive")
              : t("business.home.statusSuspended")}
          </span>
        </dd>
      </div>
      <div>
        <dt>{t("business.timeZone")}</dt>
        <dd>{t(`timeZones.${TIME_ZONE_ABBREVIATIONS[business.timeZone]}.name`)}</dd>
      </div>
      <div>
        <dt>{t("business.taxId")}</dt>
        <dd>{business.taxId ?? t("business.home.noTaxId")}</dd>
      </div>
      <div>
        <dt>{t("business.home.createdAt")}</dt>
        <dd>{formatDate(business.createdAt, locale, business.timeZone)}</dd>
      </div>
      {children}
    </dl>
  );
}
