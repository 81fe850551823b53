import { Notification } from "@sorot/contracts";
import { can, notificationText } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { z } from "zod";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { LoadMore } from "../../../components/LoadMore";
import { PageHeader } from "../../../components/PageHeader";
import { useLocale } from "../../../i18n";
import { apiRequest } from "../../../lib/api";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { businessPath } from "../../../lib/navigation";
import { useCursorList } from "../../../lib/queries";
import { useStale } from "../../../lib/stale";
import { useAsyncAction } from "../../../lib/use-async-action";
import { useBusiness } from "../BusinessLayout";
import { campaignsPath } from "../campaigns/paths";
import { notificationsApiPath } from "./paths";
import { useUnread } from "./unread";
import "./notifications.css";

type Item = z.infer<typeof Notification>;

const PAGE_SIZE = 20;

export function NotificationsPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  const list = useCursorList(notificationsApiPath(business.id), Notification, PAGE_SIZE);
  const unread = useUnread(business.id);
  const mark = useAsyncAction();
  const stale = useStale();
  const [notice, setNotice] = useState<string | null>(null);

  async function markAllRead() {
    setNotice(null);
    const ok = await mark.run(async () => {
      await apiRequest("POST", `${notificationsApiPath(business.id)}/read`, { body: {} });
    });
    if (ok) {
      setNotice(t("notifications.markedRead"));
      void stale.notifications(business.id);
    }
  }

  const anyUnread = (unread ?? 0) > 0 || list.items.some((item) => item.readAt === null);

  return (
    <>
      <PageHeader
        title={t("notifications.title")}
        intro={t("notifications.intro", { business: business.name })}
      />
      <div className="page-actions">
        {unread !== null && <p className="meta">{t("notifications.unreadCount", { count: unread })}</p>}
        <Button
          onClick={markAllRead}
          disabled={!anyUnread}
          busy={mark.busy}
          busyLabel={t("notifications.marking")}
        >
          {t("notifications.markAllRead")}
        </Button>
        {mark.error !== null && (
          <p className="field-error" role="alert">
            {errorMessage(mark.error, t)}
          </p>
        )}
      </div>
      <div role="status" className="notifications-live">
        {notice && <Alert tone="success">{notice}</Alert>}
      </div>
      <section className="card" aria-labelledby="notifications-list-title">
        <h2 id="notifications-list-title" className="visually-hidden">
          {t("notifications.title")}
        </h2>
        {list.isPending && <LoadingState />}
        {list.isError && <ErrorState error={list.error} onRetry={list.refetch} />}
        {list.isSuccess &&
          (list.items.length === 0 ? (
            <EmptyState>{t("notifications.empty")}</EmptyState>
          ) : (
            <>
              <ul className="notification-list">
                {list.items.map((item) => (
                  <NotificationRow key={item.id} item={item} />
                ))}
              </ul>
              <LoadMore list={list} />
            </>
          ))}
      </section>
    </>
  );
}

/** Where a notification's reader acts on it, if anywhere. */
function linkOf(kind: Item["kind"], businessId: string, role: Parameters<typeof can>[0]) {
  switch (kind) {
    case "ad_approved":
    case "ad_rejected":
    case "campaign_started":
    case "budget_request_proposed":
    case "budget_request_decided":
      return { to: campaignsPath(businessId), label: "notifications.links.campaigns" } as const;
    case "low_balance":
    case "promo_expiring":
      return can(role, "money.move")
        ? ({ to: businessPath(businessId, "wallet"), label: "notifications.links.wallet" } as const)
        : null;
    case "topup_paid":
    case "promo_granted":
    case "withdrawal_approved":
    case "withdrawal_rejected":
      return { to: businessPath(businessId, "wallet"), label: "notifications.links.balance" } as const;
    default:
      return null;
  }
}

/** One notification in the reader's language, worded by core's catalogue as its mail was. */
function NotificationRow({ item }: { item: Item }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const business = useBusiness();
  const text = notificationText(item.kind, item.payload, locale, business.timeZone);
  const link = linkOf(item.kind, business.id, business.role);
  const unread = item.readAt === null;

  return (
    <li className={unread ? "notification is-unread" : "notification"}>
      <p className="notification-title">
        {unread && <span className="notification-new">{t("notifications.unread")}</span>}
        <strong>{text.title}</strong>
        <time className="meta" dateTime={item.createdAt}>
          {formatDateTime(item.createdAt, locale, business.timeZone)}
        </time>
      </p>
      {text.body.map((paragraph) => (
        <p key={paragraph} className="notification-body">
          {paragraph}
        </p>
      ))}
      {link && (
        <p className="link-line">
          <Link to={link.to}>{t(link.label)}</Link>
        </p>
      )}
    </li>
  );
}
