import { CreatorListing } from "@sorot/contracts";
import { AUDIENCE_BANDS, INTERESTS, LANGUAGES, PROVINCES } from "@sorot/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { SelectField, TextField } from "../../components/Field";
import { LoadingState } from "../../components/LoadingState";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { useLocale } from "../../i18n";
import { apiPath } from "../../lib/api";
import { formatRupiahDigits, parseRupiah, rupiahToMicros, wholeRupiahIn } from "../../lib/money";
import { useCursorList } from "../../lib/queries";
import { useBusiness } from "../business/BusinessLayout";
import { CreatorCard } from "./CreatorCard";
import { DealNotice } from "./DealNotice";
import { bandLabel, languageLabel, nicheLabel } from "./labels";
import { businessRequestsPath } from "./paths";

const FILTERS = ["niche", "province", "language", "minAudience", "maxRateMicros", "q"] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

export function DirectoryPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  const [searchParams, setSearchParams] = useSearchParams();
  // The filters live in the address, so a search can be shared and survives a reload.
  const filters: Filters = Object.fromEntries(
    FILTERS.flatMap((name) => {
      const value = searchParams.get(name);
      return value ? [[name, value]] : [];
    }),
  );
  const creators = useCursorList(
    apiPath`/v1/businesses/${business.id}/creators`,
    CreatorListing,
    12,
    filters,
  );

  return (
    <>
      <PageHeader title={t("creators.directory.title")} intro={t("creators.directory.intro")} />
      <p className="page-actions">
        <Link to={businessRequestsPath(business.id)}>{t("creators.directory.myRequests")}</Link>
      </p>
      <DealNotice />
      <FilterForm key={searchParams.toString()} filters={filters} onApply={(next) => setSearchParams(next)} />
      <section aria-labelledby="directory-results">
        <h2 id="directory-results" className="visually-hidden">
          {t("creators.directory.title")}
        </h2>
        {creators.isPending && <LoadingState />}
        {creators.isError && <ErrorState error={creators.error} onRetry={creators.refetch} />}
        {creators.isSuccess &&
          (creators.items.length === 0 ? (
            <div className="card">
              <EmptyState>{t("creators.directory.empty")}</EmptyState>
            </div>
          ) : (
            <>
              <ul className="creator-grid">
                {creators.items.map((creator) => (
                  <li key={creator.id}>
                    <CreatorCard creator={creator} businessId={business.id} />
                  </li>
                ))}
              </ul>
              <LoadMore list={creators} />
            </>
          ))}
      </section>
    </>
  );
}

function FilterForm({ filters, onApply }: { filters: Filters; onApply: (next: Filters) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [draft, setDraft] = useState<Filters>({
    ...filters,
    maxRateMicros: filters.maxRateMicros && formatRupiahDigits(wholeRupiahIn(filters.maxRateMicros)),
  });
  const [rateError, setRateError] = useState<string>();
  const field = (name: keyof Filters) => ({
    name,
    value: draft[name] ?? "",
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const rateText = draft.maxRateMicros?.trim() ?? "";
    const rate = rateText === "" ? null : parseRupiah(rateText);
    if (rateText !== "" && rate === null) {
      setRateError(t("validation.rupiah"));
      return;
    }
    const next: Filters = { ...draft, maxRateMicros: rate === null ? undefined : rupiahToMicros(rate) };
    onApply(Object.fromEntries(Object.entries(next).filter(([, value]) => value)) as Filters);
  }

  return (
    <form
      className="card filters"
      aria-label={t("creators.directory.filters")}
      noValidate
      onSubmit={handleSubmit}
    >
      <div className="filters-fields">
        <SelectField
          label={t("creators.directory.niche")}
          placeholder={t("creators.directory.anyNiche")}
          choices={INTERESTS.map((value) => ({ value, label: nicheLabel(value, locale) }))}
          {...field("niche")}
        />
        <SelectField
          label={t("creators.directory.province")}
          placeholder={t("creators.directory.anyProvince")}
          choices={PROVINCES.map((province) => ({ value: province.code, label: province.name }))}
          {...field("province")}
        />
        <SelectField
          label={t("creators.directory.language")}
          placeholder={t("creators.directory.anyLanguage")}
          choices={LANGUAGES.map((value) => ({ value, label: languageLabel(value, locale) }))}
          {...field("language")}
        />
        <SelectField
          label={t("creators.directory.minAudience")}
          placeholder={t("creators.directory.anyAudience")}
          choices={AUDIENCE_BANDS.map((value) => ({ value, label: bandLabel(value, locale) }))}
          {...field("minAudience")}
        />
        <TextField
          label={t("creators.directory.maxRate")}
          hint={t("creators.directory.maxRateHint")}
          inputMode="numeric"
          error={rateError}
          {...field("maxRateMicros")}
          onChange={(event) => {
            setRateError(undefined);
            setDraft({ ...draft, maxRateMicros: event.target.value });
          }}
        />
        <TextField label={t("creators.directory.search")} type="search" maxLength={60} {...field("q")} />
      </div>
      <div className="filters-actions">
        <Button type="submit" variant="primary">
          {t("creators.directory.apply")}
        </Button>
        {Object.keys(filters).length > 0 && (
          <Button onClick={() => onApply({})}>{t("creators.directory.reset")}</Button>
        )}
      </div>
    </form>
  );
}
