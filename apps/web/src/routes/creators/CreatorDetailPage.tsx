import { CreateCreatorRequestBody, CreatorListing, CreatorRequest } from "@sorot/contracts";
import { can } from "@sorot/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { z } from "zod";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorState } from "../../components/ErrorState";
import { TextAreaField, TextField } from "../../components/Field";
import { FormAlert } from "../../components/FormAlert";
import { LoadingState } from "../../components/LoadingState";
import { PageHeader } from "../../components/PageHeader";
import { useLocale } from "../../i18n";
import { ApiError, apiPath, apiRequest } from "../../lib/api";
import { useApiForm } from "../../lib/api-form";
import { formatMoney } from "../../lib/format";
import { rupiahAmount } from "../../lib/money";
import { notice, noticeState } from "../../lib/notice";
import { useApiQuery } from "../../lib/queries";
import { useBusiness } from "../business/BusinessLayout";
import { AudienceLine } from "./CreatorCard";
import { DealNotice } from "./DealNotice";
import { languageLabel, nicheLabel, placeLabel } from "./labels";
import { businessRequestPath, directoryPath } from "./paths";
import { ReportDialog } from "./ReportDialog";
import "./creators.css";

export function CreatorDetailPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  const { creatorId = "" } = useParams();
  const creator = useApiQuery(apiPath`/v1/businesses/${business.id}/creators/${creatorId}`, CreatorListing);
  const [reporting, setReporting] = useState(false);
  const [reported, setReported] = useState(false);
  const canConnect = can(business.role, "creators.connect");
  const back = (
    <p className="back-link">
      <Link to={directoryPath(business.id)}>← {t("creators.detail.back")}</Link>
    </p>
  );

  if (creator.isPending) return <LoadingState />;
  if (creator.isError) {
    const gone = creator.error instanceof ApiError && creator.error.status === 404;
    return (
      <>
        {back}
        {gone ? (
          <PageHeader title={t("creators.detail.about")} intro={t("creators.detail.notFound")} />
        ) : (
          <ErrorState error={creator.error} onRetry={creator.refetch} />
        )}
      </>
    );
  }
  const profile = creator.data;

  return (
    <>
      {back}
      <PageHeader title={profile.displayName} intro={`@${profile.handle}`} />
      {reported && <Alert tone="success">{t("creators.report.sent")}</Alert>}
      <div className="two-columns">
        <section className="card stack" aria-labelledby="creator-about">
          <h2 id="creator-about" className="section-title">
            {t("creators.detail.about")}
          </h2>
          {profile.bio && <p>{profile.bio}</p>}
          <CreatorFacts creator={profile} />
          {canConnect && (
            <div className="actions">
              <Button variant="ghost" onClick={() => setReporting(true)}>
                {t("creators.detail.report")}
              </Button>
            </div>
          )}
        </section>
        <section className="card stack" aria-labelledby="brief-title">
          <h2 id="brief-title" className="section-title">
            {t("creators.brief.title")}
          </h2>
          <DealNotice />
          {canConnect ? (
            <BriefForm creator={profile} />
          ) : (
            <Alert tone="info">{t("creators.detail.readOnly")}</Alert>
          )}
        </section>
      </div>
      {reporting && (
        <ReportDialog
          path={apiPath`/v1/businesses/${business.id}/creators/${profile.id}/report`}
          onClose={() => setReporting(false)}
          onSent={() => {
            setReporting(false);
            setReported(true);
          }}
        />
      )}
    </>
  );
}

const EMPTY_BRIEF = {
  product: "",
  wanted: "",
  timeline: "",
  budgetMinMicros: "",
  budgetMaxMicros: "",
  link: "",
  contact: { email: "", whatsapp: "" },
};

function BriefForm({ creator }: { creator: CreatorListing }) {
  const { t } = useTranslation();
  const business = useBusiness();
  const navigate = useNavigate();
  // Rupiah as typed becomes micro-rupiah first (in the user's words when it is no amount), then the
  // shared contract checks the whole brief as the server will.
  const schema = useMemo(
    () =>
      z
        .looseObject({ budgetMinMicros: rupiahAmount(t), budgetMaxMicros: rupiahAmount(t) })
        .refine((body) => BigInt(body.budgetMinMicros) <= BigInt(body.budgetMaxMicros), {
          path: ["budgetMaxMicros"],
          message: t("creators.brief.budgetOrder"),
        })
        .pipe(CreateCreatorRequestBody),
    [t],
  );
  const form = useApiForm({
    schema,
    defaultValues: EMPTY_BRIEF,
    toBody: (values) => ({
      creatorId: creator.id,
      product: values.product,
      wanted: values.wanted,
      timeline: values.timeline,
      budgetMinMicros: values.budgetMinMicros,
      budgetMaxMicros: values.budgetMaxMicros,
      link: values.link.trim() || null,
      contact: {
        ...(values.contact.email.trim() ? { email: values.contact.email } : {}),
        ...(values.contact.whatsapp.trim() ? { whatsapp: values.contact.whatsapp } : {}),
      },
    }),
    onSubmit: async (body) => {
      const request = await apiRequest("POST", apiPath`/v1/businesses/${business.id}/creator-requests`, {
        body,
        schema: CreatorRequest,
      });
      navigate(businessRequestPath(business.id, request.id), {
        state: noticeState(notice("creators.brief.sent", { name: creator.displayName })),
      });
    },
  });

  return (
    <form className="stack" noValidate onSubmit={form.handleSubmit}>
      <p className="field-hint">{t("creators.brief.intro")}</p>
      <FormAlert alert={form.alert} />
      <TextField
        label={t("creators.brief.product")}
        hint={t("creators.brief.productHint")}
        maxLength={120}
        required
        {...form.field("product")}
      />
      <TextAreaField
        label={t("creators.brief.wanted")}
        hint={t("creators.brief.wantedHint")}
        maxLength={2000}
        rows={4}
        required
        {...form.field("wanted")}
      />
      <TextField
        label={t("creators.brief.timeline")}
        hint={t("creators.brief.timelineHint")}
        maxLength={200}
        required
        {...form.field("timeline")}
      />
      <div className="field-pair">
        <TextField
          label={t("creators.brief.budgetMin")}
          inputMode="numeric"
          required
          {...form.field("budgetMinMicros")}
        />
        <TextField
          label={t("creators.brief.budgetMax")}
          inputMode="numeric"
          required
          {...form.field("budgetMaxMicros")}
        />
      </div>
      <p className="field-hint">{t("creators.brief.budgetHint")}</p>
      <TextField
        label={t("creators.brief.link")}
        hint={t("creators.brief.linkHint")}
        type="url"
        {...form.field("link")}
      />
      <BriefContactFields form={form} />
      <Button
        type="submit"
        variant="primary"
        busy={form.submitting}
        busyLabel={t("creators.brief.submitting")}
      >
        {t("creators.brief.submit")}
      </Button>
    </form>
  );
}

/** Where the creator works, on what, for whom, from what rate, with samples of their work. */
function CreatorFacts({ creator }: { creator: CreatorListing }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t("creators.detail.location")}</dt>
          <dd>{placeLabel(creator.province, creator.city)}</dd>
        </div>
        <div>
          <dt>{t("creators.detail.niches")}</dt>
          <dd>{creator.niches.map((niche) => nicheLabel(niche, locale)).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("creators.detail.languages")}</dt>
          <dd>{creator.languages.map((language) => languageLabel(language, locale)).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("creators.detail.audience")}</dt>
          <dd>
            <AudienceLine creator={creator} />
          </dd>
        </div>
        <div>
          <dt>{t("creators.detail.rate")}</dt>
          <dd>
            {creator.startingRateMicros === null
              ? t("creators.noRate")
              : t("creators.rateFrom", { amount: formatMoney(creator.startingRateMicros) })}
          </dd>
        </div>
      </dl>
      <h3 className="section-title">{t("creators.detail.samples")}</h3>
      {creator.sampleLinks.length === 0 ? (
        <p className="meta">{t("creators.detail.noSamples")}</p>
      ) : (
        <ul className="sample-links">
          {creator.sampleLinks.map((link) => (
            <li key={link}>
              <a href={link} target="_blank" rel="noopener noreferrer nofollow">
                {link} <span className="visually-hidden">{t("common.opensInNewTab")}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** How the creator may reach the business once they accept: at least one of the two. */
function BriefContactFields({
  form,
}: {
  form: Pick<ReturnType<typeof useApiForm<typeof EMPTY_BRIEF, z.ZodType>>, "field">;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field">
      <legend className="field-label">{t("creators.brief.contactTitle")}</legend>
      <p className="field-hint">{t("creators.brief.contactHint")}</p>
      <TextField
        label={t("creators.profile.email")}
        type="email"
        autoComplete="email"
        {...form.field("contact.email")}
      />
      <TextField
        label={t("creators.profile.whatsapp")}
        hint={t("creators.profile.whatsappHint")}
        type="tel"
        autoComplete="tel"
        {...form.field("contact.whatsapp")}
      />
    </fieldset>
  );
}
