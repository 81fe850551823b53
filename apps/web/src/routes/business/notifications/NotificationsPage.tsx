import { Notification } from "@sorot/contracts";
import { can } from "@sorot/core";
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
import { notificationFacts } from "./notification-text";
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

/** One notification in plain words, with a way to act on it where there is one. */
function NotificationRow({ item }: { item: Item }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const business = useBusiness();
  const facts = notificationFacts(item.payload, locale);
  const ad = facts.ad ?? t("notifications.someone");
  const campaign = facts.campaign ?? t("notifications.someone");
  const unread = item.readAt === null;

  let title: string;
  let body: string;
  let link: { to: string; label: string } | null = null;
  switch (item.kind) {
    case "ad_approved":
      title = t("notifications.kinds.ad_approved.title");
      body = t("notifications.kinds.ad_approved.body", { ad, campaign });
      link = { to: campaignsPath(business.id), label: t("notifications.links.campaigns") };
      break;
    case "ad_rejected":
      title = t("notifications.kinds.ad_rejected.title");
      body = t("notifications.kinds.ad_rejected.body", { ad, campaign });
      link = { to: campaignsPath(business.id), label: t("notifications.links.campaigns") };
      break;
    case "campaign_started":
      title = t("notifications.kinds.campaign_started.title");
      body = t("notifications.kinds.campaign_started.body", { campaign });
      link = { to: campaignsPath(business.id), label: t("notifications.links.campaigns") };
      break;
    case "low_balance":
      title = t("notifications.kinds.low_balance.title");
      body =
        facts.days === null
          ? t("notifications.kinds.low_balance.bodyUnknown")
          : t("notifications.kinds.low_balance.body", { days: facts.days });
      if (can(business.role, "money.move")) {
        link = { to: businessPath(business.id, "wallet"), label: t("notifications.links.wallet") };
      }
      break;
    case "business_suspended":
      title = t("notifications.kinds.business_suspended.title");
      // The sentence ends the reason itself; a full stop the admin typed would make two.
      body = t("notifications.kinds.business_suspended.body", {
        reason: facts.reason?.replace(/[.!?。]+$/u, "") ?? "—",
      });
      break;
  }

  return (
    <li className={unread ? "notification is-unread" : "notification"}>
      <p className="notification-title">
        {unread && <span className="notification-new">{t("notifications.unread")}</span>}
        <strong>{title}</strong>
        <time className="meta" dateTime={item.createdAt}>
          {formatDateTime(item.createdAt, locale, business.timeZone)}
        </time>
      </p>
      <p>{body}</p>
      {item.kind === "ad_rejected" && facts.reasons.length > 0 && (
        <>
          <p>{t("notifications.kinds.ad_rejected.reasons")}</p>
          <ul className="notification-reasons">
            {facts.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
      {item.kind === "ad_rejected" && facts.note && (
        <p className="notification-note">{t("notifications.kinds.ad_rejected.note", { note: facts.note })}</p>
      )}
      {link && (
        <p>
          <Link to={link.to}>{link.label}</Link>
        </p>
      )}
    </li>
  );
}
