import { Campaign } from "@sorot/contracts";
import { can, parseMicros } from "@sorot/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { FormProvider, type UseFormReturn, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { ErrorState } from "../../../components/ErrorState";
import { TextField } from "../../../components/Field";
import { LoadingState } from "../../../components/LoadingState";
import { PageHeader } from "../../../components/PageHeader";
import { ApiError, apiPath, apiRequest } from "../../../lib/api";
import { errorMessage, fieldPath, issueText } from "../../../lib/errors";
import { formatMoney } from "../../../lib/format";
import { notice, noticeState } from "../../../lib/notice";
import { useApiQuery } from "../../../lib/queries";
import { useStale } from "../../../lib/stale";
import { useBusiness } from "../BusinessLayout";
import { BudgetScheduleFields } from "./BudgetScheduleFields";
import "./campaigns.css";
import { BUDGET_STEP, checkSteps, type DraftValues, showErrors, useDraftFields } from "./campaign-form";
import { type DraftErrors, draftFromCampaign, estimateBody, listFieldOf, updateBody } from "./draft";
import { AudienceEstimatePanel, LiveWorstCase } from "./EstimatePanels";
import { FieldGroup } from "./fields";
import { displayStatus, isEditable } from "./labels";
import { campaignPath } from "./paths";
import { TargetingFields } from "./TargetingFields";
import { useEstimate } from "./use-estimate";

/** Name, budget, schedule, pacing and audience of an existing campaign (PATCH). */
export function EditCampaignPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  const { campaignId = "" } = useParams();
  const campaign = useApiQuery(apiPath`/v1/businesses/${business.id}/campaigns/${campaignId}`, Campaign);

  const back = (
    <p className="back-link">
      <Link to={campaignPath(business.id, campaignId)}>← {t("common.back")}</Link>
    </p>
  );
  if (campaign.isPending) return <LoadingState />;
  if (campaign.isError) {
    return (
      <>
        {back}
        <PageHeader title={t("campaigns.edit.title")} />
        <ErrorState error={campaign.error} onRetry={campaign.refetch} />
      </>
    );
  }
  const current = campaign.data;
  if (!can(business.role, "campaigns.write") || !isEditable(current.status)) {
    return (
      <>
        {back}
        <PageHeader title={t("campaigns.edit.title")} />
        <Alert tone="info">
          {can(business.role, "campaigns.write")
            ? t("campaigns.edit.notEditable", { status: t(`campaigns.status.${displayStatus(current)}`) })
            : t("campaigns.readOnly")}
        </Alert>
      </>
    );
  }
  return (
    <>
      {back}
      <EditForm campaign={current} />
    </>
  );
}

function EditForm({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const business = useBusiness();
  const form = useForm<DraftValues>({
    defaultValues: { draft: draftFromCampaign(campaign, business.timeZone) },
  });
  const submitted = campaign.status !== "draft" || campaign.submittedAt !== null;
  const estimate = useEstimate(business.id, estimateBody(form.watch("draft"), business.timeZone));
  const save = useSave(campaign, form);

  return (
    <FormProvider {...form}>
      <PageHeader
        title={t("campaigns.edit.title")}
        intro={submitted ? t("campaigns.edit.intro") : undefined}
      />
      <form ref={save.formRef} className="builder-layout has-aside" noValidate onSubmit={save.handleSubmit}>
        <div className="card builder-main stack stack-loose">
          {save.alert && (
            <Alert tone="error" focusable>
              <p>{save.alert}</p>
            </Alert>
          )}
          <EditFields submitted={submitted} />
          <div className="actions">
            <Link className="button button-secondary" to={campaignPath(business.id, campaign.id)}>
              {t("common.cancel")}
            </Link>
            <Button type="submit" variant="primary" busy={save.saving} busyLabel={t("common.saving")}>
              {t("campaigns.edit.save")}
            </Button>
          </div>
        </div>
        <aside className="builder-aside stack">
          <LiveWorstCase state={estimate} />
          <AudienceEstimatePanel state={estimate} />
        </aside>
      </form>
    </FormProvider>
  );
}

function EditFields({ submitted }: { submitted: boolean }) {
  const { t } = useTranslation();
  const business = useBusiness();
  const { draft, campaignErrors, change } = useDraftFields();
  return (
    <>
      <TextField
        label={t("campaigns.objective.name")}
        name="name"
        maxLength={100}
        value={draft.name}
        error={campaignErrors.name}
        onChange={(event) => change({ name: event.target.value })}
      />
      <BudgetScheduleFields
        draft={draft}
        onChange={change}
        errors={campaignErrors}
        timeZone={business.timeZone}
        submitted={submitted}
      />
      <FieldGroup title={t("campaigns.audience.title")} id="audience-group">
        <TargetingFields
          targeting={draft.targeting}
          onChange={(targeting) => change({ targeting })}
          errors={campaignErrors}
        />
      </FieldGroup>
    </>
  );
}

/**
 * The PATCH of an edit, after the same checks as the builder's first two steps. The server's field
 * errors show on their fields; any other failure in the alert, which then takes focus.
 */
function useSave(campaign: Campaign, form: UseFormReturn<DraftValues>) {
  const { t } = useTranslation();
  const business = useBusiness();
  const navigate = useNavigate();
  const stale = useStale();
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const submitted = campaign.status !== "draft" || campaign.submittedAt !== null;

  useEffect(() => {
    if (alert) formRef.current?.querySelector<HTMLElement>('.alert[tabindex="-1"]')?.focus();
  }, [alert]);

  function show(campaignErrors: DraftErrors, message: string | null) {
    showErrors(form, { campaign: campaignErrors }, () => setAlert(message));
    if (!message) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { draft } = form.getValues();
    // The objective is fixed once a campaign exists: only the name is checked on the first step.
    const checked = { draft: { ...draft, objective: campaign.objective } };
    const found = await checkSteps(checked, [0, BUDGET_STEP], {
      t,
      timeZone: business.timeZone,
      estimate: null,
    });
    if (Object.keys(found.campaign).length > 0) return show(found.campaign, null);
    setSaving(true);
    setAlert(null);
    try {
      const body = updateBody(draft, business.timeZone, { submitted });
      const saved = await apiRequest(
        "PATCH",
        apiPath`/v1/businesses/${business.id}/campaigns/${campaign.id}`,
        {
          body,
          schema: Campaign,
        },
      );
      void stale.campaigns(business.id);
      // An operator's raise waits for an owner: the campaign keeps its budget meanwhile.
      const requested = body.budget ? parseMicros(body.budget.amountMicros) : null;
      const waiting =
        saved.pendingBudgetRequest !== null &&
        requested !== null &&
        requested > parseMicros(saved.budget.amountMicros);
      navigate(campaignPath(business.id, campaign.id), {
        state: noticeState(
          waiting
            ? notice("campaigns.edit.budgetRequested", { amount: formatMoney(requested.toString()) })
            : notice("campaigns.edit.saved"),
        ),
      });
    } catch (error) {
      const found: DraftErrors = {};
      if (error instanceof ApiError) {
        for (const issue of error.problem.errors ?? [])
          found[listFieldOf(fieldPath(issue.path))] ??= issueText(issue, t);
      }
      show(found, Object.keys(found).length > 0 ? null : errorMessage(error, t));
    } finally {
      setSaving(false);
    }
  }

  return { formRef, alert, saving, handleSubmit };
}
