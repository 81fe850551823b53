import { createBrowserRouter } from "react-router";
import { AppShell } from "./components/AppShell";
import { GuestOnly, RequireAuth } from "./components/AuthGate";
import { AccountPage } from "./routes/account/AccountPage";
import { LoginPage } from "./routes/auth/LoginPage";
import { SignupPage } from "./routes/auth/SignupPage";
import { ActivityPage } from "./routes/business/ActivityPage";
import { BusinessHomePage } from "./routes/business/BusinessHomePage";
import { BusinessLayout } from "./routes/business/BusinessLayout";
import { BusinessSettingsPage } from "./routes/business/BusinessSettingsPage";
import { CreateBusinessPage } from "./routes/business/CreateBusinessPage";
import { MembersPage } from "./routes/business/members/MembersPage";
import { HomeRedirect } from "./routes/HomeRedirect";
import { AcceptInvitePage } from "./routes/invite/AcceptInvitePage";
import { NotFoundPage } from "./routes/NotFoundPage";
import { RouteErrorPage } from "./routes/RouteErrorPage";

export const router = createBrowserRouter([
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
                  { path: "members", element: <MembersPage /> },
                  { path: "activity", element: <ActivityPage /> },
                  { path: "settings", element: <BusinessSettingsPage /> },
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
