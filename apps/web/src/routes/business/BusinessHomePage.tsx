import { AuditEntry, Campaign, page, Wallet } from "@sorot/contracts";
import { can, FIRST_RUN_STEPS, type FirstRunStep, firstRunProgress, type Permission } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { LoadingState } from "../../components/LoadingState";
import { PageHeader } from "../../components/PageHeader";
import { apiPath } from "../../lib/api";
import { formatMoney } from "../../lib/format";
import { businessPath } from "../../lib/navigation";
import { useApiQuery, useCursorList } from "../../lib/queries";
import { AuditList } from "./AuditList";
import { BusinessFacts } from "./BusinessFacts";
import { useBusiness } from "./BusinessLayout";
import { campaignPath, campaignsPath, newCampaignPath } from "./campaigns/paths";
import { topupPath } from "./wallet/paths";
import { RunwaySentence } from "./wallet/WalletSummary";

const RECENT_ACTIVITY_LIMIT = 5;
const AuditPage = page(AuditEntry);

/** The business at a glance. Campaigns and reports join this page as they are built. */
export function BusinessHomePage() {
  const { t } = useTranslation();
  const business = useBusiness();

  return (
    <>
      <PageHeader title={business.name} />
      <FirstRunChecklist />
      <WalletGlance />
      <section className="card" aria-labelledby="business-summary">
        <h2 id="business-summary">{t("business.home.summary")}</h2>
        <BusinessFacts
          business={business}
          leading={
            <div>
              <dt>{t("business.home.yourRole")}</dt>
              <dd>
                {t(`roles.${business.role}`)}
                <span className="meta">{t(`roleDescriptions.${business.role}`)}</span>
              </dd>
            </div>
          }
        />
      </section>
      {can(business.role, "audit.read") && <RecentActivity />}
    </>
  );
}

/** The permission each step's button needs: others see the checklist, not a button refused on tap. */
const STEP_PERMISSION: Record<FirstRunStep, Permission> = {
  topup: "money.move",
  create: "campaigns.write",
  review: "business.read",
  live: "business.read",
};

/**
 * A new business's way to its first ad on air, read from real state (balance, campaigns, reviews),
 * with one big button for the next step. Gone once an ad has gone on air.
 */
function FirstRunChecklist() {
  const { t } = useTranslation();
  const business = useBusiness();
  const wallet = useApiQuery(apiPath`/v1/businesses/${business.id}/wallet`, Wallet);
  // The same first page the campaign list asks for, so the two share one request and one cache.
  const campaigns = useCursorList(apiPath`/v1/businesses/${business.id}/campaigns`, Campaign);
  if (!wallet.isSuccess || !campaigns.isSuccess) return null;
  const progress = firstRunProgress(BigInt(wallet.data.availableMicros), campaigns.items);
  if (progress.next === null) return null;
  const next = progress.next;
  const target = {
    topup: topupPath(business.id),
    create: progress.campaignId
      ? campaignPath(business.id, progress.campaignId, "edit")
      : newCampaignPath(business.id),
    review: progress.campaignId ? campaignPath(business.id, progress.campaignId) : campaignsPath(business.id),
    live: progress.campaignId ? campaignPath(business.id, progress.campaignId) : campaignsPath(business.id),
  }[next];
  const action =
    next === "create" && progress.campaignId
      ? t("business.home.firstRun.resumeDraft")
      : t(`business.home.firstRun.actions.${next}`);

  return (
    <section className="card first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t("business.home.firstRun.title")}</h2>
      <ol className="first-run-steps">
        {FIRST_RUN_STEPS.map((step, index) => {
          const state = progress.done[step] ? "done" : step === next ? "next" : "later";
          return (
            <li
              key={step}
              className={`first-run-step first-run-step-${state}`}
              aria-current={step === next ? "step" : undefined}
            >
              <span className="first-run-marker" aria-hidden="true">
                {state === "done" ? "✓" : index + 1}
              </span>
              <span>
                {t(`business.home.firstRun.steps.${step}`)}
                <span className="visually-hidden"> ({t(`business.home.firstRun.state.${state}`)})</span>
              </span>
            </li>
          );
        })}
      </ol>
      <p>{t(`business.home.firstRun.hints.${next}`)}</p>
      {can(business.role, STEP_PERMISSION[next]) && (
        <Link className="button button-primary button-block" to={target}>
          {action}
        </Link>
      )}
      {/* The builder checks the balance at its budget step and tops up there, so either order works. */}
      {next === "topup" && !progress.campaignId && can(business.role, "campaigns.write") && (
        <Link className="button button-secondary button-block" to={newCampaignPath(business.id)}>
          {t("business.home.firstRun.createFirst")}
        </Link>
      )}
    </section>
  );
}

/** The balance ads may still spend, and how long it lasts: the number an owner checks most. */
function WalletGlance() {
  const { t } = useTranslation();
  const business = useBusiness();
  const wallet = useApiQuery(apiPath`/v1/businesses/${business.id}/wallet`, Wallet);

  return (
    <section className="card" aria-labelledby="wallet-glance">
      <h2 id="wallet-glance">{t("business.home.walletTitle")}</h2>
      {wallet.isPending && <LoadingState />}
      {wallet.isError && <ErrorState error={wallet.error} onRetry={wallet.refetch} />}
      {wallet.isSuccess && (
        <div className="stack stack-tight">
          <p className="balance-label">{t("business.home.walletAvailable")}</p>
          <p className="balance-amount balance-amount-main">{formatMoney(wallet.data.availableMicros)}</p>
          <RunwaySentence runway={wallet.data.runway} />
        </div>
      )}
      <p className="card-footer">
        <Link to={businessPath(business.id, "wallet")}>{t("business.home.openWallet")}</Link>
      </p>
    </section>
  );
}

function RecentActivity() {
  const { t } = useTranslation();
  const business = useBusiness();
  const recent = useApiQuery(
    `${apiPath`/v1/businesses/${business.id}/audit`}?limit=${RECENT_ACTIVITY_LIMIT}`,
    AuditPage,
  );

  return (
    <section className="card" aria-labelledby="recent-activity">
      <h2 id="recent-activity">{t("business.home.recentActivity")}</h2>
      {recent.isPending && <LoadingState />}
      {recent.isError && <ErrorState error={recent.error} onRetry={recent.refetch} />}
      {recent.isSuccess &&
        (recent.data.items.length === 0 ? (
          <EmptyState>{t("activity.empty")}</EmptyState>
        ) : (
          <>
            <AuditList entries={recent.data.items} timeZone={business.timeZone} />
            <p className="card-footer">
              <Link to={businessPath(business.id, "activity")}>{t("business.home.allActivity")}</Link>
            </p>
          </>
        ))}
    </section>
  );
}
