import type { CreatorListing } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLocale } from "../../i18n";
import { formatMoney } from "../../lib/format";
import { audienceLabel, nicheLabel, placeLabel } from "./labels";
import { directoryCreatorPath } from "./paths";
import "./creators.css";

/** A creator in the directory: enough to shortlist, and a link to the full profile and the brief form. */
export function CreatorCard({ creator, businessId }: { creator: CreatorListing; businessId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <article className="card creator-card">
      <h3 className="creator-card-name">
        <Link
          to={directoryCreatorPath(businessId, creator.id)}
          aria-label={t("creators.directory.view", { name: creator.displayName })}
        >
          {creator.displayName}
        </Link>
      </h3>
      <p className="meta">
        @{creator.handle} · {placeLabel(creator.province, creator.city)}
      </p>
      {creator.bio && <p className="creator-card-bio">{creator.bio}</p>}
      <ul className="tag-list" aria-label={t("creators.detail.niches")}>
        {creator.niches.map((niche) => (
          <li key={niche} className="tag">
            {nicheLabel(niche, locale)}
          </li>
        ))}
      </ul>
      <AudienceLine creator={creator} />
      <p className="creator-card-rate">
        {creator.startingRateMicros === null
          ? t("creators.noRate")
          : t("creators.rateFrom", { amount: formatMoney(creator.startingRateMicros) })}
      </p>
    </article>
  );
}

/** Declared audience, marked as declared wherever it shows. */
export function AudienceLine({ creator }: { creator: Pick<CreatorListing, "declaredAudience"> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (creator.declaredAudience.length === 0) return null;
  return (
    <p className="meta">
      {creator.declaredAudience.map((each) => audienceLabel(each, locale)).join(" · ")}{" "}
      <span className="self-declared">({t("creators.selfDeclared")})</span>
    </p>
  );
}
