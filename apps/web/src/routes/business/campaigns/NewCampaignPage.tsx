import type { Business } from "@sorot/contracts";
import { can } from "@sorot/core";
import { useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { PageHeader } from "../../../components/PageHeader";
import type { FieldErrors } from "../../../lib/errors";
import { useBusiness } from "../BusinessLayout";
import { EMPTY_AD } from "./ad-draft";
import { AdStep } from "./builder/AdStep";
import { loadBuilder, type SavedBuilder, saveBuilder } from "./builder/autosave";
import { BudgetStep } from "./builder/BudgetStep";
import { ReviewStep } from "./builder/ReviewStep";
import { Stepper } from "./builder/Stepper";
import { useFinish } from "./builder/use-finish";
import {
  AD_STEP,
  BUDGET_STEP,
  type BuilderValues,
  checkSteps,
  firstStepWithErrors,
  LAST_STEP,
  STEPS,
  showErrors,
  stepsBefore,
} from "./campaign-form";
import "./campaigns.css";
import { type DraftErrors, estimateBody, newDraft } from "./draft";
import { AudienceEstimatePanel, LiveWorstCase } from "./EstimatePanels";
import { campaignsPath } from "./paths";
import { lastEstimate, useEstimate } from "./use-estimate";

export function NewCampaignPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  if (!can(business.role, "campaigns.write")) {
    return (
      <>
        <PageHeader title={t("campaigns.builder.title")} />
        <Alert tone="info">{t("campaigns.readOnly")}</Alert>
        <Link to={campaignsPath(business.id)}>{t("campaigns.backToList")}</Link>
      </>
    );
  }
  return <CampaignBuilder business={business} />;
}

/**
 * The step-by-step builder. Everything stays in the form until the end, where the campaign and
 * its ad are saved (builder/use-finish.ts). Moving forward checks the steps passed on the way.
 * The form is autosaved in the browser (builder/autosave.ts): leaving and coming back carries on
 * with the same draft instead of starting, and later saving, a second one.
 */
function CampaignBuilder({ business }: { business: Business }) {
  const { t } = useTranslation();
  const [saved] = useState(() => loadBuilder(business.id));
  const form = useForm<BuilderValues>({
    defaultValues: saved?.values ?? { draft: newDraft(business.timeZone), ad: EMPTY_AD },
  });
  const [step, setStep] = useState(saved?.step ?? 0);
  const [reached, setReached] = useState(saved?.step ?? 0);
  const stepRef = useRef<HTMLDivElement>(null);
  const created = useRef<SavedBuilder["created"]>(saved?.created ?? {});
  const remember = () =>
    saveBuilder(business.id, { values: form.getValues(), step, created: created.current });
  const rememberRef = useRef(remember);
  rememberRef.current = remember;
  useEffect(() => {
    const subscription = form.watch(() => rememberRef.current());
    return () => subscription.unsubscribe();
  }, [form]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a step moved is worth remembering too
  useEffect(() => rememberRef.current(), [step]);
  const withEstimate = step === BUDGET_STEP;
  const draft = form.watch("draft");
  const estimate = useEstimate(business.id, withEstimate ? estimateBody(draft, business.timeZone) : null);
  const context = { t, timeZone: business.timeZone, estimate: lastEstimate(estimate) };

  /** Puts focus on the shown step's heading, as a new page would, or on its first invalid field. */
  function focusStep(focusInvalid: boolean) {
    const container = stepRef.current;
    const invalid = focusInvalid ? container?.querySelector<HTMLElement>('[aria-invalid="true"]') : null;
    (invalid ?? container?.querySelector<HTMLElement>("h2"))?.focus();
    if (!invalid) container?.scrollIntoView({ block: "start" });
  }

  function moveTo(index: number) {
    setStep(index);
    setReached((current) => Math.max(current, index));
  }

  function showAt(index: number, errors: { campaign: DraftErrors; ad: FieldErrors }) {
    showErrors(form, errors, () => moveTo(index));
    focusStep(true);
  }

  const finisher = useFinish(business, showAt, created.current, (ids) => {
    created.current = ids;
    rememberRef.current();
  });

  /** Checks the steps before `target` (when moving forward); stops at the first with errors. */
  async function goTo(target: number): Promise<boolean> {
    finisher.clearFailure();
    if (target > step) {
      const errors = await checkSteps(form.getValues(), stepsBefore(target), context);
      const failing = firstStepWithErrors(errors);
      if (failing !== null) {
        showAt(failing, errors);
        return false;
      }
    }
    flushSync(() => moveTo(target));
    focusStep(false);
    return true;
  }

  /** Checks every step, the last one included, then saves (and submits). */
  async function finish(mode: "draft" | "submit") {
    finisher.clearFailure();
    const errors = await checkSteps(form.getValues(), stepsBefore(LAST_STEP + 1), context);
    const failing = firstStepWithErrors(errors);
    if (failing !== null) showAt(failing, errors);
    else await finisher.finish(mode, form.getValues());
  }

  // A failed finish is announced where the buttons are: focus moves to its message.
  useEffect(() => {
    if (finisher.failure) stepRef.current?.querySelector<HTMLElement>('.alert[tabindex="-1"]')?.focus();
  }, [finisher.failure]);

  const stepName = (index: number) => t(`campaigns.builder.steps.${STEPS[index] ?? "ad"}`);
  const showEstimateAside = step === BUDGET_STEP;
  const busy = finisher.finishing !== null;

  return (
    <FormProvider {...form}>
      <PageHeader title={t("campaigns.builder.title")} />
      <Stepper step={step} reached={reached} disabled={busy} stepName={stepName} onGoTo={goTo} />
      <div className="builder-step" ref={stepRef}>
        <p className="step-count">
          {t("campaigns.builder.stepOf", { current: step + 1, total: STEPS.length })}
        </p>
        <h2 tabIndex={-1} className="step-title">
          {stepName(step)}
        </h2>
        <div className={showEstimateAside ? "builder-layout has-aside" : "builder-layout"}>
          <div className="card builder-main">
            {step === AD_STEP && <AdStep business={business} locked={finisher.campaignId !== null} />}
            {step === BUDGET_STEP && (
              <>
                <BudgetStep business={business} />
                <ReviewStep
                  business={business}
                  campaignId={finisher.campaignId}
                  failure={finisher.failure}
                  onGoTo={goTo}
                />
              </>
            )}
          </div>
          {showEstimateAside && (
            <aside className="builder-aside stack">
              <LiveWorstCase state={estimate} />
              <AudienceEstimatePanel state={estimate} />
            </aside>
          )}
        </div>
        <BuilderNav step={step} finishing={finisher.finishing} onGoTo={goTo} onFinish={finish} />
      </div>
    </FormProvider>
  );
}

interface BuilderNavProps {
  step: number;
  finishing: "draft" | "submit" | null;
  onGoTo: (step: number) => void;
  onFinish: (mode: "draft" | "submit") => void;
}

/** Back and next, stuck to the foot of a phone's screen; on the last step, save as a draft or submit. */
function BuilderNav({ step, finishing, onGoTo, onFinish }: BuilderNavProps) {
  const { t } = useTranslation();
  return (
    <div className="builder-nav">
      {step > 0 && (
        <Button className="builder-back" onClick={() => onGoTo(step - 1)} disabled={finishing !== null}>
          <span aria-hidden="true">←</span>
          <span className="builder-back-label">{t("campaigns.builder.back")}</span>
        </Button>
      )}
      {step < LAST_STEP ? (
        <Button variant="primary" onClick={() => onGoTo(step + 1)}>
          {t("campaigns.builder.next")}
        </Button>
      ) : (
        <div className="builder-finish">
          <Button
            onClick={() => onFinish("draft")}
            busy={finishing === "draft"}
            busyLabel={t("campaigns.review.saving")}
            disabled={finishing !== null}
          >
            {t("campaigns.review.saveDraft")}
          </Button>
          <Button
            variant="primary"
            onClick={() => onFinish("submit")}
            busy={finishing === "submit"}
            busyLabel={t("campaigns.review.submitting")}
            disabled={finishing !== null}
          >
            {t("campaigns.review.submit")}
          </Button>
        </div>
      )}
    </div>
  );
}
