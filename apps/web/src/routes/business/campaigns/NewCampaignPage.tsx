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
import { AudienceStep } from "./builder/AudienceStep";
import { BudgetStep } from "./builder/BudgetStep";
import { ObjectiveStep } from "./builder/ObjectiveStep";
import { ReviewStep } from "./builder/ReviewStep";
import { Stepper } from "./builder/Stepper";
import { useFinish } from "./builder/use-finish";
import {
  AD_STEP,
  AUDIENCE_STEP,
  BUDGET_STEP,
  type BuilderValues,
  checkSteps,
  firstStepWithErrors,
  REVIEW_STEP,
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
 */
function CampaignBuilder({ business }: { business: Business }) {
  const { t } = useTranslation();
  const form = useForm<BuilderValues>({
    defaultValues: { draft: newDraft(business.timeZone), ad: EMPTY_AD },
  });
  const [step, setStep] = useState(0);
  const [reached, setReached] = useState(0);
  const stepRef = useRef<HTMLDivElement>(null);
  const withEstimate = step === BUDGET_STEP || step === AUDIENCE_STEP || step === REVIEW_STEP;
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

  const finisher = useFinish(business, showAt);

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

  async function finish(mode: "draft" | "submit") {
    if (await goTo(REVIEW_STEP)) await finisher.finish(mode, form.getValues());
  }

  // A failed finish is announced where the buttons are: focus moves to its message.
  useEffect(() => {
    if (finisher.failure) stepRef.current?.querySelector<HTMLElement>('.alert[tabindex="-1"]')?.focus();
  }, [finisher.failure]);

  const stepName = (index: number) => t(`campaigns.builder.steps.${STEPS[index] ?? "review"}`);
  const showEstimateAside = step === BUDGET_STEP || step === AUDIENCE_STEP;
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
            {step === 0 && <ObjectiveStep locked={finisher.campaignId !== null} />}
            {step === BUDGET_STEP && <BudgetStep timeZone={business.timeZone} />}
            {step === AUDIENCE_STEP && <AudienceStep />}
            {step === AD_STEP && <AdStep business={business} />}
            {step === REVIEW_STEP && (
              <ReviewStep
                business={business}
                estimate={estimate}
                campaignId={finisher.campaignId}
                failure={finisher.failure}
                onGoTo={goTo}
              />
            )}
          </div>
          {showEstimateAside && (
            <aside className="builder-aside stack">
              {step === BUDGET_STEP && <LiveWorstCase state={estimate} />}
              <AudienceEstimatePanel state={estimate} />
              {step === AUDIENCE_STEP && <LiveWorstCase state={estimate} />}
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

/** Back and next; on the last step, save as a draft or submit for review. */
function BuilderNav({ step, finishing, onGoTo, onFinish }: BuilderNavProps) {
  const { t } = useTranslation();
  return (
    <div className="builder-nav">
      {step > 0 && (
        <Button onClick={() => onGoTo(step - 1)} disabled={finishing !== null}>
          {t("campaigns.builder.back")}
        </Button>
      )}
      {step < REVIEW_STEP ? (
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
