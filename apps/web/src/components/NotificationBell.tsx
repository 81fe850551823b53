import type { Business } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { Link, useMatch } from "react-router";
import { notificationsPath } from "../routes/business/notifications/paths";
import { useUnread } from "../routes/business/notifications/unread";
import "./NotificationBell.css";

/** How often the bell asks for news. */
const POLL_MS = 30_000;

/**
 * The header's bell for the business being worked on: a link to its notifications with the
 * unread count, refreshed every 30 seconds. Outside a business's pages there is no bell.
 */
export function NotificationBell({ businesses }: { businesses: readonly Business[] }) {
  const currentId = useMatch("/b/:businessId/*")?.params.businessId;
  const business = businesses.find(({ id }) => id === currentId);
  return business ? <Bell businessId={business.id} /> : null;
}

function Bell({ businessId }: { businessId: string }) {
  const { t } = useTranslation();
  const unread = useUnread(businessId, POLL_MS) ?? 0;
  const path = notificationsPath(businessId);
  const here = useMatch(path) !== null;

  return (
    <Link
      to={path}
      className="notification-bell"
      aria-label={unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell")}
      aria-current={here ? "page" : undefined}
    >
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          d="M12 3a6 6 0 0 0-6 6v3.6l-1.7 2.9A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {unread > 0 && (
        <span className="notification-badge" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
