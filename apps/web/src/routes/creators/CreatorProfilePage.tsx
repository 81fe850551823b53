import { zodResolver } from "@hookform/resolvers/zod";
import { CreatorProfile, CreatorProfileBody } from "@sorot/contracts";
import {
  AUDIENCE_BANDS,
  AUDIENCE_PLATFORM_LABELS,
  AUDIENCE_PLATFORMS,
  type AudienceBand,
  type AudiencePlatform,
  citiesOfProvince,
  INTERESTS,
  type Interest,
  LANGUAGES,
  type Language,
  PROVINCES,
} from "@sorot/core";
import type { TFunction } from "i18next";
import { type FormEvent, useId, useState } from "react";
import { FormProvider, useForm, useFormContext, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorState } from "../../components/ErrorState";
import { SelectField, TextAreaField, TextField } from "../../components/Field";
import { FormAlert } from "../../components/FormAlert";
import { LoadingState } from "../../components/LoadingState";
import { PageHeader } from "../../components/PageHeader";
import { useLocale } from "../../i18n";
import { ApiError, apiRequest } from "../../lib/api";
import {
  addInUserLanguage,
  type FormAlert as FormAlertValue,
  flatErrors,
  showErrorsNow,
} from "../../lib/api-form";
import { errorMessage, type FieldErrors, fieldErrorsFromProblem } from "../../lib/errors";
import { formatRupiahDigits, parseRupiah, rupiahToMicros, wholeRupiahIn } from "../../lib/money";
import { useApiQuery } from "../../lib/queries";
import { useStale } from "../../lib/stale";
import { ChipsField } from "../business/campaigns/fields";
import { bandLabel, languageLabel, nicheLabel } from "./labels";

interface Draft {
  displayName: string;
  handle: string;
  bio: string;
  niches: Interest[];
  province: string;
  city: string;
  languages: Language[];
  audience: Partial<Record<AudiencePlatform, AudienceBand>>;
  rate: string;
  sampleLinks: string;
  email: string;
  whatsapp: string;
  acceptsRequests: boolean;
}

const EMPTY: Draft = {
  displayName: "",
  handle: "",
  bio: "",
  niches: [],
  province: "",
  city: "",
  languages: ["id"],
  audience: {},
  rate: "",
  sampleLinks: "",
  email: "",
  whatsapp: "",
  acceptsRequests: true,
};

function draftOf(profile: CreatorProfile): Draft {
  return {
    displayName: profile.displayName,
    handle: profile.handle,
    bio: profile.bio,
    niches: profile.niches,
    province: profile.province,
    city: profile.city ?? "",
    languages: profile.languages,
    audience: Object.fromEntries(profile.declaredAudience.map(({ platform, band }) => [platform, band])),
    rate:
      profile.startingRateMicros === null
        ? ""
        : formatRupiahDigits(wholeRupiahIn(profile.startingRateMicros)),
    sampleLinks: profile.sampleLinks.join("\n"),
    email: profile.contact.email ?? "",
    whatsapp: profile.contact.whatsapp ?? "",
    acceptsRequests: profile.acceptsRequests,
  };
}

/** The request body, or the rate's own error: a rate that is no amount of rupiah never reaches the schema. */
function bodyOf(draft: Draft): { body: unknown; rateInvalid: boolean } {
  const rate = draft.rate.trim() === "" ? null : parseRupiah(draft.rate);
  return {
    rateInvalid: draft.rate.trim() !== "" && rate === null,
    body: {
      displayName: draft.displayName,
      handle: draft.handle,
      bio: draft.bio,
      niches: draft.niches,
      province: draft.province,
      city: draft.city || null,
      languages: draft.languages,
      audience: AUDIENCE_PLATFORMS.flatMap((platform) => {
        const band = draft.audience[platform];
        return band ? [{ platform, band }] : [];
      }),
      startingRateMicros: rate === null ? null : rupiahToMicros(rate),
      sampleLinks: draft.sampleLinks
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
      contact: {
        ...(draft.email.trim() ? { email: draft.email } : {}),
        ...(draft.whatsapp.trim() ? { whatsapp: draft.whatsapp } : {}),
      },
      acceptsRequests: draft.acceptsRequests,
    },
  };
}

export function CreatorProfilePage() {
  const { t } = useTranslation();
  const profile = useApiQuery("/v1/creator/profile", CreatorProfile);
  const missing = profile.isError && profile.error instanceof ApiError && profile.error.status === 404;

  return (
    <>
      <PageHeader title={t("creators.profile.title")} intro={t("creators.profile.intro")} />
      {profile.isPending && <LoadingState />}
      {profile.isError && !missing && <ErrorState error={profile.error} onRetry={profile.refetch} />}
      {/* One place for both, so the form stays as it is when its first save creates the profile. */}
      {(missing || profile.isSuccess) && <ProfileForm initial={profile.data ?? null} />}
    </>
  );
}

/** The rate's own rule first (a rate that is no amount of rupiah never reaches the contract), then the contract's. */
function profileSchema(t: TFunction) {
  return z.custom<Draft>().transform((draft, context): CreatorProfileBody => {
    const { body, rateInvalid } = bodyOf(draft);
    const parsed = CreatorProfileBody.safeParse(body);
    if (!parsed.success) addInUserLanguage(context, parsed.error.issues, t);
    if (rateInvalid) {
      context.addIssue({ code: "custom", path: ["startingRateMicros"], message: t("validation.rupiah") });
    }
    return parsed.success && !rateInvalid ? parsed.data : z.NEVER;
  });
}

/**
 * The draft and its errors as the sections show them. Errors are named by the body's paths; a
 * field shows the first error at it or inside it (`sampleLinks.2`, `contact.email`).
 */
function useProfileDraft() {
  const form = useFormContext<Draft>();
  const draft = useWatch({ control: form.control }) as Draft;
  const errors = flatErrors(form.formState.errors);
  const set = (patch: Partial<Draft>) => {
    for (const [name, value] of Object.entries(patch))
      form.setValue(name as keyof Draft, value, { shouldDirty: true });
  };
  const errorAt = (...paths: string[]) =>
    paths
      .flatMap((path) => Object.entries(errors).filter(([key]) => key === path || key.startsWith(`${path}.`)))
      .map(([, message]) => message)[0];
  return { draft, set, errorAt };
}

function ProfileForm({ initial }: { initial: CreatorProfile | null }) {
  const { t } = useTranslation();
  const stale = useStale();
  const form = useForm<Draft, unknown, CreatorProfileBody>({
    defaultValues: initial ? draftOf(initial) : EMPTY,
    resolver: zodResolver(profileSchema(t)),
  });
  const [alert, setAlert] = useState<FormAlertValue | null>(null);
  const [saved, setSaved] = useState<CreatorProfile | null>(null);
  const { isDirty, isSubmitting } = form.formState;
  const hidden = (saved ?? initial)?.hidden ?? false;

  function show(element: HTMLFormElement, found: FieldErrors, formAlert: FormAlertValue | null) {
    showErrorsNow(form, found, () => setAlert(formAlert));
    element.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    const element = event.currentTarget;
    const save = async (body: CreatorProfileBody) => {
      setAlert(null);
      try {
        const result = await apiRequest("PUT", "/v1/creator/profile", { body, schema: CreatorProfile });
        setSaved(result);
        form.reset(draftOf(result));
        stale.creatorProfile(result);
      } catch (error) {
        const fromServer = error instanceof ApiError ? fieldErrorsFromProblem(error.problem, t) : {};
        const formAlert =
          Object.keys(fromServer).length > 0
            ? null
            : { message: errorMessage(error, t), details: [], cause: error };
        show(element, fromServer, formAlert);
      }
    };
    return form.handleSubmit(save, (invalid) => show(element, flatErrors(invalid), null))(event);
  }

  return (
    <FormProvider {...form}>
      <form className="stack" noValidate onSubmit={handleSubmit}>
        {!initial && !saved && <Alert tone="info">{t("creators.profile.firstTime")}</Alert>}
        {hidden && <Alert tone="warning">{t("creators.profile.hidden")}</Alert>}
        <FormAlert alert={alert} />
        <BasicsSection />
        <AudienceSection />
        <ContactSection />
        {saved && !isDirty && <Alert tone="success">{t("creators.profile.saved")}</Alert>}
        <div className="actions">
          <Button
            type="submit"
            variant="primary"
            busy={isSubmitting}
            busyLabel={t("creators.profile.submitting")}
          >
            {t("creators.profile.submit")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}

function BasicsSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { draft, set, errorAt } = useProfileDraft();
  const cities = draft.province ? citiesOfProvince(draft.province) : [];
  return (
    <section className="card stack" aria-labelledby="profile-basics">
      <h2 id="profile-basics" className="section-title">
        {t("creators.profile.basics")}
      </h2>
      <div className="two-columns">
        <TextField
          label={t("creators.profile.displayName")}
          maxLength={60}
          required
          value={draft.displayName}
          error={errorAt("displayName")}
          onChange={(event) => set({ displayName: event.target.value })}
        />
        <TextField
          label={t("creators.profile.handle")}
          hint={t("creators.profile.handleHint")}
          autoCapitalize="none"
          required
          value={draft.handle}
          error={errorAt("handle")}
          onChange={(event) => set({ handle: event.target.value })}
        />
      </div>
      <TextAreaField
        label={t("creators.profile.bio")}
        hint={t("creators.profile.bioHint")}
        maxLength={500}
        value={draft.bio}
        error={errorAt("bio")}
        onChange={(event) => set({ bio: event.target.value })}
      />
      <ChipsField
        legend={t("creators.profile.niches")}
        hint={t("creators.profile.nichesHint")}
        options={INTERESTS.map((value) => ({ value, label: nicheLabel(value, locale) }))}
        selected={draft.niches}
        error={errorAt("niches")}
        onChange={(niches) => set({ niches })}
      />
      <div className="two-columns">
        <SelectField
          label={t("creators.profile.province")}
          placeholder={t("creators.profile.chooseProvince")}
          choices={PROVINCES.map((province) => ({ value: province.code, label: province.name }))}
          value={draft.province}
          error={errorAt("province")}
          onChange={(event) => set({ province: event.target.value, city: "" })}
        />
        <SelectField
          label={t("creators.profile.city")}
          placeholder={t("creators.profile.noCity")}
          choices={cities.map((city) => ({ value: city.code, label: city.name }))}
          value={draft.city}
          error={errorAt("city")}
          disabled={cities.length === 0}
          onChange={(event) => set({ city: event.target.value })}
        />
      </div>
      <ChipsField
        legend={t("creators.profile.languages")}
        options={LANGUAGES.map((value) => ({ value, label: languageLabel(value, locale) }))}
        selected={draft.languages}
        error={errorAt("languages")}
        onChange={(languages) => set({ languages })}
      />
    </section>
  );
}

function AudienceSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { draft, set, errorAt } = useProfileDraft();
  const bandChoices = AUDIENCE_BANDS.map((band) => ({ value: band, label: bandLabel(band, locale) }));
  return (
    <section className="card stack" aria-labelledby="profile-audience">
      <h2 id="profile-audience" className="section-title">
        {t("creators.profile.audience")}
      </h2>
      <p className="field-hint">{t("creators.profile.audienceHint")}</p>
      <div className="filters-fields">
        {AUDIENCE_PLATFORMS.map((platform) => (
          <SelectField
            key={platform}
            label={AUDIENCE_PLATFORM_LABELS[platform]}
            placeholder={t("creators.profile.audienceNone")}
            choices={bandChoices}
            value={draft.audience[platform] ?? ""}
            onChange={(event) =>
              set({
                audience: {
                  ...draft.audience,
                  [platform]: (event.target.value || undefined) as AudienceBand,
                },
              })
            }
          />
        ))}
      </div>
      {errorAt("audience") && <p className="field-error">{errorAt("audience")}</p>}
      <TextField
        label={t("creators.profile.rate")}
        hint={t("creators.profile.rateHint")}
        inputMode="numeric"
        value={draft.rate}
        error={errorAt("startingRateMicros")}
        onChange={(event) => set({ rate: event.target.value })}
      />
      <TextAreaField
        label={t("creators.profile.sampleLinks")}
        hint={t("creators.profile.sampleLinksHint")}
        rows={4}
        value={draft.sampleLinks}
        error={errorAt("sampleLinks")}
        onChange={(event) => set({ sampleLinks: event.target.value })}
      />
    </section>
  );
}

function ContactSection() {
  const { t } = useTranslation();
  const acceptsId = useId();
  const { draft, set, errorAt } = useProfileDraft();
  return (
    <section className="card stack" aria-labelledby="profile-contact">
      <h2 id="profile-contact" className="section-title">
        {t("creators.profile.contactTitle")}
      </h2>
      <p className="field-hint">{t("creators.profile.contactHint")}</p>
      <div className="two-columns">
        <TextField
          label={t("creators.profile.email")}
          type="email"
          autoComplete="email"
          value={draft.email}
          error={errorAt("contact.email") ?? (draft.email ? undefined : errorAt("contact"))}
          onChange={(event) => set({ email: event.target.value })}
        />
        <TextField
          label={t("creators.profile.whatsapp")}
          hint={t("creators.profile.whatsappHint")}
          type="tel"
          autoComplete="tel"
          value={draft.whatsapp}
          error={errorAt("contact.whatsapp")}
          onChange={(event) => set({ whatsapp: event.target.value })}
        />
      </div>
      <div className="choice">
        <input
          type="checkbox"
          id={acceptsId}
          checked={draft.acceptsRequests}
          aria-describedby={`${acceptsId}-hint`}
          onChange={(event) => set({ acceptsRequests: event.target.checked })}
        />
        <label htmlFor={acceptsId}>
          <span className="choice-label">{t("creators.profile.accepts")}</span>
          <span className="choice-description" id={`${acceptsId}-hint`}>
            {t("creators.profile.acceptsHint")}
          </span>
        </label>
      </div>
    </section>
  );
}
