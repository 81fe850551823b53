import { Campaign, CampaignListQuery } from "@sorot/contracts";
import { CAMPAIGN_STATUSES, type CampaignStatus, can } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { LoadMore } from "../../../components/LoadMore";
import { PageHeader } from "../../../components/PageHeader";
import { apiPath } from "../../../lib/api";
import { useApiForm } from "../../../lib/api-form";
import { formatMoney } from "../../../lib/format";
import { useCursorList } from "../../../lib/queries";
import { useBusiness } from "../BusinessLayout";
import "./campaigns.css";
import { toggleAction } from "./labels";
import { campaignPath, newCampaignPath } from "./paths";
import { CampaignStatusBadge } from "./StatusBadge";
import { type CampaignAction, useCampaignAction } from "./use-campaign-action";

function isStatus(value: string | null): value is CampaignStatus {
  return CAMPAIGN_STATUSES.some((status) => status === value);
}

export function CampaignsPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  const canWrite = can(business.role, "campaigns.write");
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get("status");
  const status = isStatus(statusParam) ? statusParam : undefined;
  const q = searchParams.get("q")?.trim() || undefined;
  const [notice, setNotice] = useState<string | null>(null);
  const campaigns = useCursorList(apiPath`/v1/businesses/${business.id}/campaigns`, Campaign, 25, {
    status,
    q,
  });
  const action = useCampaignAction(business.id, (done, before) => {
    setNotice(
      t(done === "pause" ? "campaigns.actions.paused" : "campaigns.actions.resumed", { name: before.name }),
    );
  });
  const filtered = status !== undefined || q !== undefined;
  // Filters and search help only with campaigns to sift: a business with none sees the call to action.
  const showToolbar = filtered || (campaigns.isSuccess && campaigns.items.length > 0);

  function applyFilters(next: { status?: string; q?: string }) {
    const params = new URLSearchParams();
    if (next.status) params.set("status", next.status);
    if (next.q?.trim()) params.set("q", next.q.trim());
    setSearchParams(params, { replace: true });
  }

  const newButton = canWrite && (
    <Link className="button button-primary" to={newCampaignPath(business.id)}>
      {t("campaigns.new")}
    </Link>
  );

  return (
    <>
      <PageHeader title={t("campaigns.title")} intro={t("campaigns.intro")} />
      {!canWrite && <Alert tone="info">{t("campaigns.readOnly")}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}

      {showToolbar && (
        <div className="campaigns-toolbar">
          <CampaignFilters key={q} status={status} q={q} onApply={applyFilters} />
          {newButton}
        </div>
      )}

      <section className="card" aria-labelledby="campaigns-list-title">
        <h2 id="campaigns-list-title" className="visually-hidden">
          {t("campaigns.list.tableCaption")}
        </h2>
        {campaigns.isPending && <LoadingState />}
        {campaigns.isError && <ErrorState error={campaigns.error} onRetry={campaigns.refetch} />}
        {campaigns.isSuccess &&
          (campaigns.items.length === 0 ? (
            <NoCampaigns filtered={filtered} canWrite={canWrite} onClear={() => applyFilters({})} />
          ) : (
            <>
              <ul className="list">
                {campaigns.items.map((campaign) => {
                  const toggle = canWrite ? toggleAction(campaign.status) : null;
                  return (
                    <CampaignRow
                      key={campaign.id}
                      campaign={campaign}
                      toggle={toggle}
                      onToggle={action.ask}
                    />
                  );
                })}
              </ul>
              <LoadMore list={campaigns} />
            </>
          ))}
      </section>
      {action.dialog}
    </>
  );
}

interface CampaignFiltersProps {
  status: string | undefined;
  q: string | undefined;
  onApply: (filters: { status?: string; q?: string }) => void;
}

/** Status applies at once; the search applies on submit, checked as the list's query is. */
function CampaignFilters({ status, q, onApply }: CampaignFiltersProps) {
  const { t } = useTranslation();
  const form = useApiForm({
    schema: CampaignListQuery.pick({ q: true }),
    defaultValues: { q: q ?? "" },
    onSubmit: async (body) => onApply({ status, q: body.q }),
  });
  // maxLength keeps the search within the query's rule, so the bare input has no error to show.
  const { error: _never, ...search } = form.field("q");
  return (
    <form className="campaigns-filters" aria-label={t("campaigns.list.filters")} onSubmit={form.handleSubmit}>
      <div className="field">
        <label className="field-label" htmlFor="campaign-status-filter">
          {t("campaigns.list.status")}
        </label>
        <select
          id="campaign-status-filter"
          className="input"
          value={status ?? ""}
          onChange={(event) => onApply({ status: event.target.value, q })}
        >
          <option value="">{t("campaigns.list.allStatuses")}</option>
          {CAMPAIGN_STATUSES.map((each) => (
            <option key={each} value={each}>
              {t(`campaigns.status.${each}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field campaigns-search">
        <label className="field-label" htmlFor="campaign-search">
          {t("campaigns.list.search")}
        </label>
        <div className="inline-control">
          <input id="campaign-search" className="input" type="search" maxLength={100} {...search} />
          <Button type="submit">{t("campaigns.list.searchSubmit")}</Button>
        </div>
      </div>
    </form>
  );
}

interface CampaignRowProps {
  campaign: Campaign;
  toggle: CampaignAction | null;
  onToggle: (action: CampaignAction, campaign: Campaign) => void;
}

function CampaignRow({ campaign, toggle, onToggle }: CampaignRowProps) {
  const { t } = useTranslation();
  const business = useBusiness();
  return (
    <li className="list-row campaign-row">
      <div className="list-row-main">
        <p className="list-row-title">
          <Link to={campaignPath(business.id, campaign.id)}>{campaign.name}</Link>
          <CampaignStatusBadge campaign={campaign} />
        </p>
        <dl className="campaign-row-facts">
          <div>
            <dt>{t("campaigns.list.budget")}</dt>
            <dd>
              {t(campaign.budget.type === "daily" ? "campaigns.budgetDaily" : "campaigns.budgetLifetime", {
                amount: formatMoney(campaign.budget.amountMicros),
              })}
            </dd>
          </div>
          <div>
            <dt>{t("campaigns.list.spendToday")}</dt>
            <dd>{formatMoney(campaign.spendTodayMicros)}</dd>
          </div>
          <div>
            <dt>{t("campaigns.list.ads")}</dt>
            <dd>
              {campaign.adCounts.total === 0
                ? t("campaigns.list.noAds")
                : t("campaigns.list.adCounts", campaign.adCounts)}
            </dd>
          </div>
        </dl>
      </div>
      {toggle && (
        <div className="list-row-actions">
          <Button onClick={() => onToggle(toggle, campaign)}>
            {t(`campaigns.actions.${toggle}`)}
            <span className="visually-hidden"> {campaign.name}</span>
          </Button>
        </div>
      )}
    </li>
  );
}

/** No campaign yet, or none that matches the filters. */
function NoCampaigns({
  filtered,
  canWrite,
  onClear,
}: {
  filtered: boolean;
  canWrite: boolean;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const business = useBusiness();
  return filtered ? (
    <div className="empty-state">
      <p>{t("campaigns.list.noMatch")}</p>
      <Button variant="ghost" onClick={onClear}>
        {t("campaigns.list.clear")}
      </Button>
    </div>
  ) : (
    <div className="empty-state campaigns-empty">
      <h3>{t("campaigns.list.emptyTitle")}</h3>
      <p>{t("campaigns.list.emptyBody")}</p>
      {canWrite && (
        <Link className="button button-primary" to={newCampaignPath(business.id)}>
          {t("campaigns.list.emptyAction")}
        </Link>
      )}
    </div>
  );
}
