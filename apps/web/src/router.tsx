import { createBrowserRouter, Navigate } from "react-router";
import { AppShell } from "./components/AppShell";
import { GuestOnly, RequireAuth } from "./components/AuthGate";
import { AccountPage } from "./routes/account/AccountPage";
import { AdminAuditPage } from "./routes/admin/AdminAuditPage";
import { AdminBusinessesPage } from "./routes/admin/AdminBusinessesPage";
import { AdminBusinessPage } from "./routes/admin/AdminBusinessPage";
import { AdminHomePage } from "./routes/admin/AdminHomePage";
import { AdminLatePaymentsPage } from "./routes/admin/AdminLatePaymentsPage";
import { AdminLayout } from "./routes/admin/AdminLayout";
import { AdminWithdrawalsPage } from "./routes/admin/AdminWithdrawalsPage";
import { CreatorReportsPage } from "./routes/admin/creator-reports/CreatorReportsPage";
import { ReviewPage } from "./routes/admin/reviews/ReviewPage";
import { ReviewQueuePage } from "./routes/admin/reviews/ReviewQueuePage";
import { LoginPage } from "./routes/auth/LoginPage";
import { SignupPage } from "./routes/auth/SignupPage";
import { ActivityPage } from "./routes/business/ActivityPage";
import { BusinessHomePage } from "./routes/business/BusinessHomePage";
import { BusinessLayout } from "./routes/business/BusinessLayout";
import { BusinessSettingsPage } from "./routes/business/BusinessSettingsPage";
import { CreateBusinessPage } from "./routes/business/CreateBusinessPage";
import { CampaignPage } from "./routes/business/campaigns/CampaignPage";
import { CampaignsPage } from "./routes/business/campaigns/CampaignsPage";
import { EditCampaignPage } from "./routes/business/campaigns/EditCampaignPage";
import { NewCampaignPage } from "./routes/business/campaigns/NewCampaignPage";
import { MembersPage } from "./routes/business/members/MembersPage";
import { NotificationsPage } from "./routes/business/notifications/NotificationsPage";
import { ReportsPage } from "./routes/business/reports/ReportsPage";
import { HistoryPage } from "./routes/business/wallet/HistoryPage";
import { WalletPage } from "./routes/business/wallet/WalletPage";
import { BusinessRequestsPage } from "./routes/creators/BusinessRequestsPage";
import { CreatorDetailPage } from "./routes/creators/CreatorDetailPage";
import { CreatorInboxPage } from "./routes/creators/CreatorInboxPage";
import { CreatorLayout } from "./routes/creators/CreatorLayout";
import { CreatorProfilePage } from "./routes/creators/CreatorProfilePage";
import { DirectoryPage } from "./routes/creators/DirectoryPage";
import { BusinessRequestPage, CreatorRequestPage } from "./routes/creators/RequestPage";
import { FeedPage } from "./routes/feed/FeedPage";
import { HomeRedirect } from "./routes/HomeRedirect";
import { AcceptInvitePage } from "./routes/invite/AcceptInvitePage";
import { NotFoundPage } from "./routes/NotFoundPage";
import { RouteErrorPage } from "./routes/RouteErrorPage";

export const router = createBrowserRouter([
  // The public feed demo: full screen, outside the dashboard's shell, and no sign-in needed.
  { path: "/feed", element: <FeedPage />, errorElement: <RouteErrorPage /> },
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
              { path: "login", element: <LoginPage /> },
              { path: "signup", element: <SignupPage /> },
            ],
          },
          { path: "invite/:token", element: <AcceptInvitePage /> },
          {
            element: <RequireAuth />,
            children: [
              { path: "account", element: <AccountPage /> },
              { path: "businesses/new", element: <CreateBusinessPage /> },
              {
                path: "b/:businessId",
                element: <BusinessLayout />,
                children: [
                  { index: true, element: <BusinessHomePage /> },
                  { path: "campaigns", element: <CampaignsPage /> },
                  { path: "campaigns/new", element: <NewCampaignPage /> },
                  { path: "campaigns/:campaignId", element: <CampaignPage /> },
                  { path: "campaigns/:campaignId/edit", element: <EditCampaignPage /> },
                  { path: "reports", element: <ReportsPage /> },
                  { path: "wallet", element: <WalletPage /> },
                  { path: "wallet/history", element: <HistoryPage /> },
                  { path: "members", element: <MembersPage /> },
                  { path: "activity", element: <ActivityPage /> },
                  { path: "settings", element: <BusinessSettingsPage /> },
                  { path: "notifications", element: <NotificationsPage /> },
                  { path: "creators", element: <DirectoryPage /> },
                  { path: "creators/requests", element: <BusinessRequestsPage /> },
                  { path: "creators/requests/:requestId", element: <BusinessRequestPage /> },
                  { path: "creators/:creatorId", element: <CreatorDetailPage /> },
                ],
              },
              {
                // Creator accounts only; to anyone else it is the not-found page.
                path: "creator",
                element: <CreatorLayout />,
                children: [
                  { index: true, element: <Navigate to="requests" replace /> },
                  { path: "requests", element: <CreatorInboxPage /> },
                  { path: "profile", element: <CreatorProfilePage /> },
                  { path: "requests/:requestId", element: <CreatorRequestPage /> },
                  { path: "*", element: <NotFoundPage /> },
                ],
              },
              {
                // Admins only; anyone else meets the not-found page, as for any address they may not see.
                path: "admin",
                element: <AdminLayout />,
                children: [
                  { index: true, element: <AdminHomePage /> },
                  { path: "businesses", element: <AdminBusinessesPage /> },
                  { path: "businesses/:businessId", element: <AdminBusinessPage /> },
                  { path: "withdrawals", element: <AdminWithdrawalsPage /> },
                  { path: "late-payments", element: <AdminLatePaymentsPage /> },
                  { path: "audit", element: <AdminAuditPage /> },
                  { path: "reviews", element: <ReviewQueuePage /> },
                  { path: "reviews/:adId", element: <ReviewPage /> },
                  { path: "creator-reports", element: <CreatorReportsPage /> },
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
