import type { ComponentType } from "react";
import { createBrowserRouter, Navigate } from "react-router";
import { AppShell } from "./components/AppShell";
import { GuestOnly, RequireAuth } from "./components/AuthGate";
import { loadMessageAreas, type MessageArea } from "./i18n";
import { AdminLayout } from "./routes/admin/AdminLayout";
import { BusinessLayout } from "./routes/business/BusinessLayout";
import { CreatorLayout } from "./routes/creators/CreatorLayout";
import { HomeRedirect } from "./routes/HomeRedirect";
import { NotFoundPage } from "./routes/NotFoundPage";
import { RouteErrorPage } from "./routes/RouteErrorPage";

/**
 * A page fetched when its route is first visited: each one is its own chunk, so a phone on a slow
 * network downloads the screen it opens (and its heavy pieces: the builder, the report's chart)
 * instead of the whole dashboard. The layouts stay in the first chunk: every area's pages need them.
 * `areas` are the message areas the page's words come from beyond the shell (i18n/index.ts),
 * fetched alongside it so it never renders a raw key.
 */
function page<Module, Name extends keyof Module>(
  load: () => Promise<Module>,
  name: Name,
  areas: readonly MessageArea[] = [],
) {
  return async () => {
    const [module] = await Promise.all([load(), loadMessageAreas(areas)]);
    return { Component: module[name] as ComponentType };
  };
}

export const router = createBrowserRouter([
  // The public feed demo: full screen, outside the dashboard's shell, and no sign-in needed.
  {
    path: "/feed",
    lazy: page(() => import("./routes/feed/FeedPage"), "FeedPage", ["campaigns"]),
    errorElement: <RouteErrorPage />,
  },
  {
    element: <AppShell />,
    children: [
      {
        // Below the shell, so a page that fails keeps the header and its way out.
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <HomeRedirect /> },
          {
            element: <GuestOnly />,
            children: [
              { path: "login", lazy: page(() => import("./routes/auth/LoginPage"), "LoginPage") },
              {
                path: "signup",
                lazy: page(() => import("./routes/auth/SignupPage"), "SignupPage", ["creators"]),
              },
            ],
          },
          {
            path: "invite/:token",
            lazy: page(() => import("./routes/invite/AcceptInvitePage"), "AcceptInvitePage"),
          },
          {
            element: <RequireAuth />,
            children: [
              { path: "account", lazy: page(() => import("./routes/account/AccountPage"), "AccountPage") },
              {
                path: "businesses/new",
                lazy: page(() => import("./routes/business/CreateBusinessPage"), "CreateBusinessPage"),
              },
              {
                path: "b/:businessId",
                element: <BusinessLayout />,
                children: [
                  {
                    index: true,
                    lazy: page(() => import("./routes/business/BusinessHomePage"), "BusinessHomePage"),
                  },
                  {
                    path: "campaigns",
                    lazy: page(() => import("./routes/business/campaigns/CampaignsPage"), "CampaignsPage", [
                      "campaigns",
                    ]),
                  },
                  {
                    path: "campaigns/new",
                    lazy: page(
                      () => import("./routes/business/campaigns/NewCampaignPage"),
                      "NewCampaignPage",
                      ["campaigns", "reviews"],
                    ),
                  },
                  {
                    path: "campaigns/:campaignId",
                    lazy: page(() => import("./routes/business/campaigns/CampaignPage"), "CampaignPage", [
                      "campaigns",
                      "reviews",
                    ]),
                  },
                  {
                    path: "campaigns/:campaignId/edit",
                    lazy: page(
                      () => import("./routes/business/campaigns/EditCampaignPage"),
                      "EditCampaignPage",
                      ["campaigns"],
                    ),
                  },
                  {
                    path: "reports",
                    lazy: page(() => import("./routes/business/reports/ReportsPage"), "ReportsPage", [
                      "reports",
                    ]),
                  },
                  {
                    path: "wallet",
                    lazy: page(() => import("./routes/business/wallet/WalletPage"), "WalletPage"),
                  },
                  {
                    path: "wallet/history",
                    lazy: page(() => import("./routes/business/wallet/HistoryPage"), "HistoryPage"),
                  },
                  {
                    path: "members",
                    lazy: page(() => import("./routes/business/members/MembersPage"), "MembersPage"),
                  },
                  {
                    path: "activity",
                    lazy: page(() => import("./routes/business/ActivityPage"), "ActivityPage"),
                  },
                  {
                    path: "settings",
                    lazy: page(
                      () => import("./routes/business/BusinessSettingsPage"),
                      "BusinessSettingsPage",
                    ),
                  },
                  {
                    path: "notifications",
                    lazy: page(
                      () => import("./routes/business/notifications/NotificationsPage"),
                      "NotificationsPage",
                    ),
                  },
                  {
                    path: "creators",
                    lazy: page(() => import("./routes/creators/DirectoryPage"), "DirectoryPage", [
                      "creators",
                    ]),
                  },
                  {
                    path: "creators/requests",
                    lazy: page(
                      () => import("./routes/creators/BusinessRequestsPage"),
                      "BusinessRequestsPage",
                      ["creators"],
                    ),
                  },
                  {
                    path: "creators/requests/:requestId",
                    lazy: page(() => import("./routes/creators/RequestPage"), "BusinessRequestPage", [
                      "creators",
                    ]),
                  },
                  {
                    path: "creators/:creatorId",
                    lazy: page(() => import("./routes/creators/CreatorDetailPage"), "CreatorDetailPage", [
                      "creators",
                    ]),
                  },
                ],
              },
              {
                // Creator accounts only; to anyone else it is the not-found page.
                path: "creator",
                element: <CreatorLayout />,
                children: [
                  { index: true, element: <Navigate to="requests" replace /> },
                  {
                    path: "requests",
                    lazy: page(() => import("./routes/creators/CreatorInboxPage"), "CreatorInboxPage", [
                      "creators",
                    ]),
                  },
                  {
                    path: "profile",
                    lazy: page(() => import("./routes/creators/CreatorProfilePage"), "CreatorProfilePage", [
                      "creators",
                      "campaigns",
                    ]),
                  },
                  {
                    path: "requests/:requestId",
                    lazy: page(() => import("./routes/creators/RequestPage"), "CreatorRequestPage", [
                      "creators",
                    ]),
                  },
                  { path: "*", element: <NotFoundPage /> },
                ],
              },
              {
                // Admins only; anyone else meets the not-found page, as for any address they may not see.
                path: "admin",
                element: <AdminLayout />,
                children: [
                  {
                    index: true,
                    lazy: page(() => import("./routes/admin/AdminHomePage"), "AdminHomePage", [
                      "admin",
                      "reviews",
                      "campaigns",
                    ]),
                  },
                  {
                    path: "businesses",
                    lazy: page(() => import("./routes/admin/AdminBusinessesPage"), "AdminBusinessesPage", [
                      "admin",
                      "admin",
                    ]),
                  },
                  {
                    path: "businesses/:businessId",
                    lazy: page(() => import("./routes/admin/AdminBusinessPage"), "AdminBusinessPage", [
                      "admin",
                      "reviews",
                    ]),
                  },
                  {
                    path: "withdrawals",
                    lazy: page(() => import("./routes/admin/AdminWithdrawalsPage"), "AdminWithdrawalsPage", [
                      "admin",
                      "admin",
                    ]),
                  },
                  {
                    path: "late-payments",
                    lazy: page(
                      () => import("./routes/admin/AdminLatePaymentsPage"),
                      "AdminLatePaymentsPage",
                      ["admin", "admin"],
                    ),
                  },
                  {
                    path: "audit",
                    lazy: page(() => import("./routes/admin/AdminAuditPage"), "AdminAuditPage", [
                      "admin",
                      "admin",
                    ]),
                  },
                  {
                    path: "reviews",
                    lazy: page(() => import("./routes/admin/reviews/ReviewQueuePage"), "ReviewQueuePage", [
                      "admin",
                      "reviews",
                      "campaigns",
                    ]),
                  },
                  {
                    path: "reviews/:adId",
                    lazy: page(() => import("./routes/admin/reviews/ReviewPage"), "ReviewPage", [
                      "admin",
                      "reviews",
                      "campaigns",
                    ]),
                  },
                  {
                    path: "creator-reports",
                    lazy: page(
                      () => import("./routes/admin/creator-reports/CreatorReportsPage"),
                      "CreatorReportsPage",
                      ["admin", "creators"],
                    ),
                  },
                  { path: "*", element: <NotFoundPage /> },
                ],
              },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
