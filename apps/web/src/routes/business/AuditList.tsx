import type { AuditEntry } from "@sorot/contracts";
import type { TimeZone } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n";
import { formatDateTime } from "../../lib/format";

/** Every action the api and worker record for a business, in words; one without words here shows its code. */
const ACTION_LABELS = {
  "business.create": "activity.actions.businessCreate",
  "business.update": "activity.actions.businessUpdate",
  "member.role_change": "activity.actions.memberRoleChange",
  "member.remove": "activity.actions.memberRemove",
  "invitation.create": "activity.actions.invitationCreate",
  "invitation.revoke": "activity.actions.invitationRevoke",
  "invitation.accept": "activity.actions.invitationAccept",
  "topup.create": "activity.actions.topupCreate",
  "topup.paid": "activity.actions.topupPaid",
  "topup.failed": "activity.actions.topupFailed",
  "topup.expired": "activity.actions.topupExpired",
  "withdrawal.request": "activity.actions.withdrawalRequest",
  "withdrawal.paid": "activity.actions.withdrawalPaid",
  "withdrawal.rejected": "activity.actions.withdrawalRejected",
  "promo.grant": "activity.actions.promoGrant",
  "business.suspend": "activity.actions.businessSuspend",
  "business.unsuspend": "activity.actions.businessUnsuspend",
  "asset.upload": "activity.actions.assetUpload",
  "campaign.create": "activity.actions.campaignCreate",
  "campaign.update": "activity.actions.campaignUpdate",
  "campaign.update_with_budget_request": "activity.actions.campaignUpdateWithBudgetRequest",
  "campaign.budget_request_approved": "activity.actions.campaignBudgetRequestApproved",
  "campaign.budget_request_rejected": "activity.actions.campaignBudgetRequestRejected",
  "campaign.duplicate": "activity.actions.campaignDuplicate",
  "campaign.submit": "activity.actions.campaignSubmit",
  "campaign.approve": "activity.actions.campaignApprove",
  "campaign.start": "activity.actions.campaignStart",
  "campaign.pause": "activity.actions.campaignPause",
  "campaign.resume": "activity.actions.campaignResume",
  "campaign.budget_exhausted": "activity.actions.campaignBudgetExhausted",
  "campaign.funds_exhausted": "activity.actions.campaignFundsExhausted",
  "campaign.budget_restored": "activity.actions.campaignBudgetRestored",
  "campaign.funds_restored": "activity.actions.campaignFundsRestored",
  "campaign.complete": "activity.actions.campaignComplete",
  "campaign.archive": "activity.actions.campaignArchive",
  "ad.create": "activity.actions.adCreate",
  "ad.update": "activity.actions.adUpdate",
  "ad.new_version": "activity.actions.adNewVersion",
  "ad.archive": "activity.actions.adArchive",
  "ad.appeal": "activity.actions.adAppeal",
  "review.approve": "activity.actions.reviewApprove",
  "review.reject": "activity.actions.reviewReject",
  "creator_request.create": "activity.actions.creatorRequestCreate",
  "creator_request.accept": "activity.actions.creatorRequestAccept",
  "creator_request.decline": "activity.actions.creatorRequestDecline",
  "creator_request.close": "activity.actions.creatorRequestClose",
  "creator_message.send": "activity.actions.creatorMessageSend",
  "creator_report.create": "activity.actions.creatorReportCreate",
  "creator_report.resolve": "activity.actions.creatorReportResolve",
  "creator.profile.create": "activity.actions.creatorProfileCreate",
  "creator.profile.update": "activity.actions.creatorProfileUpdate",
  "promo.expire": "activity.actions.promoExpire",
  "receipt.corrected": "activity.actions.receiptCorrected",
  "receipt.monthly_issued": "activity.actions.receiptMonthlyIssued",
  "topup.paid_after_close": "activity.actions.topupPaidAfterClose",
  "user.signup": "activity.actions.userSignup",
  "user.update": "activity.actions.userUpdate",
} as const;

/** Every action with words, for a filter's choices. */
export const LABELLED_ACTIONS = Object.keys(ACTION_LABELS) as (keyof typeof ACTION_LABELS)[];

export function actionLabelKey(action: keyof typeof ACTION_LABELS) {
  return ACTION_LABELS[action];
}

function isLabelledAction(action: string): action is keyof typeof ACTION_LABELS {
  return Object.hasOwn(ACTION_LABELS, action);
}

function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined;
}

/** Audit entries, newest first as the API sends them; before/after snapshots fold away under "details". */
export function AuditList({ entries, timeZone }: { entries: AuditEntry[]; timeZone: TimeZone }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ol className="audit-list">
      {entries.map((entry) => (
        <li key={entry.id} className="audit-entry">
          <p className="audit-summary">
            <strong>{entry.actorEmail ?? t("activity.system")}</strong>{" "}
            {isLabelledAction(entry.action) ? t(ACTION_LABELS[entry.action]) : <code>{entry.action}</code>}
          </p>
          <p className="meta">
            <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, locale, timeZone)}</time>
            {entry.ip && ` · ${t("activity.fromIp", { ip: entry.ip })}`}
          </p>
          {(hasValue(entry.before) || hasValue(entry.after)) && (
            <details>
              <summary>{t("activity.details")}</summary>
              <div className="audit-diff">
                {hasValue(entry.before) && (
                  <div>
                    <h3>{t("activity.before")}</h3>
                    <pre>{JSON.stringify(entry.before, null, 2)}</pre>
                  </div>
                )}
                {hasValue(entry.after) && (
                  <div>
                    <h3>{t("activity.after")}</h3>
                    <pre>{JSON.stringify(entry.after, null, 2)}</pre>
                  </div>
                )}
              </div>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
