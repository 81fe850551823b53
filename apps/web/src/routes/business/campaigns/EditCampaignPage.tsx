import { Campaign } from "@sorot/contracts";
import { can, parseMicros } from "@sorot/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { ErrorState } from "../../../components/ErrorState";
import { TextField } from "../../../components/Field";
import { LoadingState } from "../../../components/LoadingState";
import { PageHeader } from "../../../components/PageHeader";
import { ApiError, apiPath, apiRequest } from "../../../lib/api";
import { errorMessage, fieldPath } from "../../../lib/errors";
import { formatMoney } from "../../../lib/format";
import { notice, noticeState } from "../../../lib/notice";
import { useApiQuery } from "../../../lib/queries";
import { useBusiness } from "../BusinessLayout";
import { BudgetScheduleFields } from "./BudgetScheduleFields";
import "./campaigns.css";
import {
  budgetStepErrors,
  type CampaignDraft,
  type DraftErrors,
  draftFromCampaign,
  estimateBody,
  listFieldOf,
  objectiveStepErrors,
  updateBody,
} from "./draft";
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
  const navigate = useNavigate();
  const [draft, setDraft] = useState<CampaignDraft>(() => draftFromCampaign(campaign, business.timeZone));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const submitted = campaign.status !== "draft" || campaign.submittedAt !== null;
  const estimate = useEstimate(business.id, estimateBody(draft, business.timeZone));

  useEffect(() => {
    if (alert) formRef.current?.querySelector<HTMLElement>('.alert[tabindex="-1"]')?.focus();
  }, [alert]);

  function change(patch: Partial<CampaignDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
  }

  function showErrors(found: DraftErrors, message: string | null) {
    flushSync(() => {
      setErrors(found);
      setAlert(message);
    });
    if (!message) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = {
      ...objectiveStepErrors({ ...draft, objective: campaign.objective }, t),
      ...budgetStepErrors(draft, business.timeZone, t),
    };
    if (Object.keys(found).length > 0) return showErrors(found, null);
    setSaving(true);
    setAlert(null);
    try {
      const body = updateBody(draft, business.timeZone, { submitted });
      const saved = await apiRequest(
        "PATCH",
        apiPath`/v1/businesses/${business.id}/campaigns/${campaign.id}`,
        { body, schema: Campaign },
      );
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
        for (const { path, message } of error.problem.errors ?? [])
          found[listFieldOf(fieldPath(path))] ??= message;
      }
      showErrors(found, Object.keys(found).length > 0 ? null : errorMessage(error, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <PageHeader
        title={t("campaigns.edit.title")}
        intro={submitted ? t("campaigns.edit.intro") : undefined}
      />
      <form ref={formRef} className="builder-layout has-aside" noValidate onSubmit={handleSubmit}>
        <div className="card builder-main stack stack-loose">
          {alert && (
            <Alert tone="error" focusable>
              <p>{alert}</p>
            </Alert>
          )}
          <TextField
            label={t("campaigns.objective.name")}
            name="name"
            maxLength={100}
            value={draft.name}
            error={errors.name}
            onChange={(event) => change({ name: event.target.value })}
          />
          <BudgetScheduleFields
            draft={draft}
            onChange={change}
            errors={errors}
            timeZone={business.timeZone}
            submitted={submitted}
          />
          <FieldGroup title={t("campaigns.audience.title")} id="audience-group">
            <TargetingFields
              targeting={draft.targeting}
              onChange={(targeting) => change({ targeting })}
              errors={errors}
            />
          </FieldGroup>
          <div className="actions">
            <Link className="button button-secondary" to={campaignPath(business.id, campaign.id)}>
              {t("common.cancel")}
            </Link>
            <Button type="submit" variant="primary" busy={saving} busyLabel={t("common.saving")}>
              {t("campaigns.edit.save")}
            </Button>
          </div>
        </div>
        <aside className="builder-aside stack">
          <LiveWorstCase state={estimate} />
          <AudienceEstimatePanel state={estimate} />
        </aside>
      </form>
    </>
  );
}
