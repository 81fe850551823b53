import { Ad, Campaign, OBJECTIVES } from "@sorot/contracts";
import { can } from "@sorot/core";
import type { TFunction } from "i18next";
import { useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { AdPreview } from "../../../components/AdPreview";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { ChoiceField, TextField } from "../../../components/Field";
import { PageHeader } from "../../../components/PageHeader";
import { ApiError, apiPath, apiRequest } from "../../../lib/api";
import { errorMessage, type FieldErrors, fieldPath, issueText } from "../../../lib/errors";
import { businessPath } from "../../../lib/navigation";
import { notice, noticeState } from "../../../lib/notice";
import { useBusiness } from "../BusinessLayout";
import { AdFields } from "./AdFields";
import { type AdDraft, adBody, adErrors, EMPTY_AD } from "./ad-draft";
import { BudgetScheduleFields } from "./BudgetScheduleFields";
import { CampaignSummary, SummaryRow } from "./CampaignSummary";
import "./campaigns.css";
import {
  billingEventFor,
  budgetStepErrors,
  type CampaignDraft,
  createBody,
  type DraftErrors,
  estimateBody,
  listFieldOf,
  newDraft,
  objectiveStepErrors,
  stepOfPath,
  updateBody,
} from "./draft";
import { AudienceEstimatePanel, LiveWorstCase, WorstCasePanel } from "./EstimatePanels";
import { campaignPath, campaignsPath } from "./paths";
import { TargetingFields } from "./TargetingFields";
import { lastEstimate, useEstimate } from "./use-estimate";

const STEPS = ["objective", "budget", "audience", "ad", "review"] as const;
const AD_STEP = 3;
const REVIEW_STEP = 4;

interface FinishFailure {
  message: string;
  /** The submit check's 409: the campaign and ad are saved, something else is missing. */
  notReady: boolean;
  needsTopUp: boolean;
}

/** Server field errors (`body.budget.amountMicros`) as the builder's keys, with the step of the first. */
function campaignErrorsFrom(error: ApiError, t: TFunction): { errors: DraftErrors; step: number } | null {
  const entries = (error.problem.errors ?? []).map((issue) => [
    listFieldOf(fieldPath(issue.path)),
    issueText(issue, t),
  ]);
  if (entries.length === 0) return null;
  const errors: DraftErrors = {};
  for (const [path = "", message = ""] of entries) errors[path] ??= message;
  return { errors, step: Math.min(...Object.keys(errors).map(stepOfPath)) };
}

/**
 * The step-by-step builder. Everything stays in this page's state until the end, where the
 * campaign and its ad are created (or, on a retry, updated: their ids are remembered, so a
 * second attempt never makes a second campaign) and, if asked, submitted for review.
 */
export function NewCampaignPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<CampaignDraft>(() => newDraft(business.timeZone));
  const [ad, setAd] = useState<AdDraft>(EMPTY_AD);
  const [step, setStep] = useState(0);
  const [reached, setReached] = useState(0);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [adFieldErrors, setAdFieldErrors] = useState<FieldErrors>({});
  const [finishing, setFinishing] = useState<"draft" | "submit" | null>(null);
  const [failure, setFailure] = useState<FinishFailure | null>(null);
  // Remembered across attempts: a retry updates what the first attempt created.
  const created = useRef<{ campaignId?: string; adId?: string }>({});
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const stepRef = useRef<HTMLDivElement>(null);

  // A failed finish is announced where the buttons are: focus moves to its message.
  useEffect(() => {
    if (failure) stepRef.current?.querySelector<HTMLElement>('.alert[tabindex="-1"]')?.focus();
  }, [failure]);

  const estimateState = useEstimate(
    business.id,
    step === 1 || step === 2 || step === REVIEW_STEP ? estimateBody(draft, business.timeZone) : null,
  );

  if (!can(business.role, "campaigns.write")) {
    return (
      <>
        <PageHeader title={t("campaigns.builder.title")} />
        <Alert tone="info">{t("campaigns.readOnly")}</Alert>
        <Link to={campaignsPath(business.id)}>{t("campaigns.backToList")}</Link>
      </>
    );
  }

  function change(patch: Partial<CampaignDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(next)) {
        // A field's error goes once the owner changes it; the rest stay until the next check.
        if (Object.keys(patch).some((field) => key.startsWith(patchPathOf(field)))) delete next[key];
      }
      return next;
    });
  }

  function changeAd(patch: Partial<AdDraft>) {
    setAd((current) => ({ ...current, ...patch }));
    setAdFieldErrors((current) => {
      const next = { ...current };
      for (const field of Object.keys(patch)) delete next[field === "creative" ? "assetId" : field];
      return next;
    });
  }

  /**
   * The problems the live estimate finds in the current settings (the targeting lists, say),
   * translated like the form's own; the browser's own checks win.
   */
  function estimateProblems(index: number): DraftErrors {
    if (estimateState.status !== "ready") return {};
    const problems: DraftErrors = {};
    for (const issue of estimateState.data.problems) {
      if (stepOfPath(issue.path) === index) problems[listFieldOf(issue.path)] ??= issueText(issue, t);
    }
    return problems;
  }

  function errorsOfStep(index: number): { campaign: DraftErrors; ad: FieldErrors } {
    if (index === 0) return { campaign: objectiveStepErrors(draft, t), ad: {} };
    if (index === 1) {
      const own = budgetStepErrors(draft, business.timeZone, t);
      return { campaign: { ...estimateProblems(1), ...own }, ad: {} };
    }
    if (index === 2) return { campaign: estimateProblems(2), ad: {} };
    if (index === AD_STEP) return { campaign: {}, ad: adErrors(ad, t) };
    return { campaign: {}, ad: {} };
  }

  /** Moves to a step and puts focus on its heading, as a new page would. */
  function show(index: number, focusInvalid = false) {
    flushSync(() => {
      setStep(index);
      setReached((current) => Math.max(current, index));
    });
    const container = stepRef.current;
    const invalid = focusInvalid ? container?.querySelector<HTMLElement>('[aria-invalid="true"]') : null;
    (invalid ?? container?.querySelector<HTMLElement>("h2"))?.focus();
    if (!invalid) container?.scrollIntoView({ block: "start" });
  }

  /** Checks each step from the current one up to `target`; stops at the first with errors. */
  function goTo(target: number) {
    setFailure(null);
    if (target > step) {
      for (let index = step; index < target; index++) {
        const found = errorsOfStep(index);
        if (Object.keys(found.campaign).length > 0 || Object.keys(found.ad).length > 0) {
          setErrors((current) => ({ ...current, ...found.campaign }));
          setAdFieldErrors(found.ad);
          show(index, true);
          return;
        }
      }
    }
    show(target);
  }

  async function finish(mode: "draft" | "submit") {
    setFailure(null);
    for (let index = 0; index < REVIEW_STEP; index++) {
      const found = errorsOfStep(index);
      if (Object.keys(found.campaign).length > 0 || Object.keys(found.ad).length > 0) {
        setErrors(found.campaign);
        setAdFieldErrors(found.ad);
        show(index, true);
        return;
      }
    }
    setFinishing(mode);
    const base = apiPath`/v1/businesses/${business.id}/campaigns`;
    try {
      // 1. The campaign: created once, updated on a retry.
      try {
        if (created.current.campaignId) {
          await apiRequest("PATCH", `${base}/${encodeURIComponent(created.current.campaignId)}`, {
            body: updateBody(draft, business.timeZone, { submitted: false }),
            schema: Campaign,
          });
        } else {
          const campaign = await apiRequest("POST", base, {
            body: createBody(draft, business.timeZone),
            schema: Campaign,
          });
          created.current.campaignId = campaign.id;
          setCampaignId(campaign.id);
        }
      } catch (error) {
        const mapped =
          error instanceof ApiError && error.status === 400 ? campaignErrorsFrom(error, t) : null;
        if (mapped && mapped.step < REVIEW_STEP) {
          setErrors(mapped.errors);
          show(mapped.step, true);
          return;
        }
        throw error;
      }
      const id = created.current.campaignId;
      const adsPath = `${base}/${encodeURIComponent(id)}/ads`;

      // 2. Its ad, likewise.
      try {
        if (created.current.adId) {
          await apiRequest("PATCH", `${adsPath}/${encodeURIComponent(created.current.adId)}`, {
            body: adBody(ad),
            schema: Ad,
          });
        } else {
          const saved = await apiRequest("POST", adsPath, { body: adBody(ad), schema: Ad });
          created.current.adId = saved.id;
        }
      } catch (error) {
        if (error instanceof ApiError && error.status === 400 && (error.problem.errors?.length ?? 0) > 0) {
          const fieldErrors: FieldErrors = {};
          for (const { path, message } of error.problem.errors ?? [])
            fieldErrors[fieldPath(path)] ??= message;
          setAdFieldErrors(fieldErrors);
          show(AD_STEP, true);
          return;
        }
        throw error;
      }

      // 3. Review, if asked for. A 409 says what is missing; the draft stays saved either way.
      if (mode === "submit") {
        try {
          await apiRequest("POST", `${base}/${encodeURIComponent(id)}/submit`, { schema: Campaign });
        } catch (error) {
          if (error instanceof ApiError && error.status === 409) {
            setFailure({
              message: error.problem.detail,
              notReady: true,
              needsTopUp: /top up|saldo/i.test(error.problem.detail),
            });
            return;
          }
          throw error;
        }
      }
      navigate(campaignPath(business.id, id), {
        state: noticeState(
          notice(mode === "submit" ? "campaigns.actions.submitted" : "campaigns.edit.saved"),
        ),
      });
    } catch (error) {
      setFailure({ message: errorMessage(error, t), notReady: false, needsTopUp: false });
    } finally {
      setFinishing(null);
    }
  }

  const stepName = (index: number) => t(`campaigns.builder.steps.${STEPS[index] ?? "review"}`);
  const body = createBody(draft, business.timeZone);
  const showEstimateAside = step === 1 || step === 2;

  return (
    <>
      <PageHeader title={t("campaigns.builder.title")} />
      <nav aria-label={t("campaigns.builder.progress")}>
        <ol className="stepper">
          {STEPS.map((name, index) => {
            const state = index === step ? "is-current" : index < reached || index < step ? "is-done" : "";
            return (
              <li key={name} className={state}>
                <button
                  type="button"
                  className="stepper-step"
                  aria-current={index === step ? "step" : undefined}
                  disabled={index > reached || finishing !== null}
                  onClick={() => goTo(index)}
                >
                  <span className="stepper-number" aria-hidden="true">
                    {index + 1}
                  </span>
                  <span className="visually-hidden">
                    {t("campaigns.builder.goToStep", { number: index + 1 })}{" "}
                  </span>
                  <span className="stepper-name">{stepName(index)}</span>
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <div className="builder-step" ref={stepRef}>
        <p className="step-count">
          {t("campaigns.builder.stepOf", { current: step + 1, total: STEPS.length })}
        </p>
        <h2 tabIndex={-1} className="step-title">
          {stepName(step)}
        </h2>

        <div className={showEstimateAside ? "builder-layout has-aside" : "builder-layout"}>
          <div className="card builder-main">
            {step === 0 && (
              <div className="stack stack-loose">
                <TextField
                  label={t("campaigns.objective.name")}
                  hint={t("campaigns.objective.nameHint")}
                  name="name"
                  maxLength={100}
                  value={draft.name}
                  error={errors.name}
                  onChange={(event) => change({ name: event.target.value })}
                />
                <ChoiceField
                  label={t("campaigns.objective.legend")}
                  hint={campaignId ? t("campaigns.objective.lockedAfterCreate") : undefined}
                  name="objective"
                  value={draft.objective}
                  error={errors.objective}
                  disabled={campaignId !== null}
                  onChange={(event) => {
                    const objective = event.target.value as (typeof OBJECTIVES)[number];
                    change({ objective, billingEvent: billingEventFor(objective) });
                  }}
                  choices={OBJECTIVES.map((objective) => ({
                    value: objective,
                    label: t(`campaigns.objectives.${objective}.name`),
                    description: t(`campaigns.objectives.${objective}.description`),
                  }))}
                />
              </div>
            )}
            {step === 1 && (
              <BudgetScheduleFields
                draft={draft}
                onChange={change}
                errors={errors}
                timeZone={business.timeZone}
              />
            )}
            {step === 2 && (
              <TargetingFields
                targeting={draft.targeting}
                onChange={(targeting) => change({ targeting })}
                errors={errors}
              />
            )}
            {step === AD_STEP && (
              <>
                <p className="field-hint ad-intro">{t("campaigns.ad.intro")}</p>
                <AdFields
                  businessId={business.id}
                  businessName={business.name}
                  ad={ad}
                  onChange={changeAd}
                  errors={adFieldErrors}
                />
              </>
            )}
            {step === REVIEW_STEP && (
              <div className="stack">
                <p className="page-intro">{t("campaigns.review.intro")}</p>
                <dl className="facts">
                  <SummaryRow label={t("campaigns.review.name")} onChange={() => goTo(0)}>
                    {draft.name}
                  </SummaryRow>
                  <CampaignSummary settings={body} timeZone={business.timeZone} onChangeStep={goTo} />
                  <SummaryRow label={t("campaigns.review.ad")} onChange={() => goTo(AD_STEP)}>
                    <span className="review-ad">
                      <span className="meta">{t("campaigns.ad.landsOn", { url: ad.landingUrl })}</span>
                      <AdPreview
                        businessName={business.name}
                        headline={ad.headline}
                        text={ad.text}
                        callToAction={ad.callToAction}
                        creative={ad.creative}
                      />
                    </span>
                  </SummaryRow>
                </dl>
                <WorstCasePanel
                  worstCase={lastEstimate(estimateState)?.worstCase ?? null}
                  loading={estimateState.status === "loading"}
                />
                {campaignId && !failure && (
                  <p className="field-hint">{t("campaigns.review.savedCampaignNote")}</p>
                )}
                {failure && (
                  <Alert
                    tone={failure.notReady ? "warning" : "error"}
                    title={failure.notReady ? t("campaigns.actions.notReadyTitle") : undefined}
                    focusable
                  >
                    <p>{failure.message}</p>
                    {failure.notReady && <p>{t("campaigns.actions.draftKept")}</p>}
                    {(failure.needsTopUp || (failure.notReady && campaignId)) && (
                      <p className="alert-links">
                        {failure.needsTopUp && can(business.role, "money.move") && (
                          <Link to={businessPath(business.id, "wallet")}>
                            {t("campaigns.detail.topUpLink")}
                          </Link>
                        )}
                        {campaignId && <Link to={campaignPath(business.id, campaignId)}>{draft.name}</Link>}
                      </p>
                    )}
                  </Alert>
                )}
              </div>
            )}
          </div>
          {showEstimateAside && (
            <aside className="builder-aside stack">
              {step === 1 && <LiveWorstCase state={estimateState} />}
              <AudienceEstimatePanel state={estimateState} />
              {step === 2 && <LiveWorstCase state={estimateState} />}
            </aside>
          )}
        </div>

        <div className="builder-nav">
          {step > 0 && (
            <Button onClick={() => goTo(step - 1)} disabled={finishing !== null}>
              {t("campaigns.builder.back")}
            </Button>
          )}
          {step < REVIEW_STEP ? (
            <Button variant="primary" onClick={() => goTo(step + 1)}>
              {t("campaigns.builder.next")}
            </Button>
          ) : (
            <div className="builder-finish">
              <Button
                onClick={() => finish("draft")}
                busy={finishing === "draft"}
                busyLabel={t("campaigns.review.saving")}
                disabled={finishing !== null}
              >
                {t("campaigns.review.saveDraft")}
              </Button>
              <Button
                variant="primary"
                onClick={() => finish("submit")}
                busy={finishing === "submit"}
                busyLabel={t("campaigns.review.submitting")}
                disabled={finishing !== null}
              >
                {t("campaigns.review.submit")}
              </Button>
            </div>
          )}
        </div>
      </div>
    </>
  );
}

/** The error keys a changed draft field clears: `amount` clears `budget.amountMicros`, and so on. */
function patchPathOf(field: string): string {
  const paths: Record<string, string> = {
    name: "name",
    objective: "objective",
    budgetType: "budget",
    amount: "budget",
    startAt: "schedule.startAt",
    endAt: "schedule.endAt",
    dayparting: "schedule.dayparting",
    closures: "schedule.closures",
    bidStrategy: "bidding",
    billingEvent: "bidding",
    bid: "bidding",
    pacing: "pacing",
    targeting: "targeting",
  };
  return paths[field] ?? field;
}
