import { Navigate, Outlet, useLocation, useSearchParams } from "react-router";
import { useAuth } from "../lib/auth-context";
import { homePath, safeNextPath, withNext } from "../lib/navigation";
import { LoadingState } from "./LoadingState";

/** Pages for signed-in users. Others go to sign in, and come back here afterwards unless they signed out on purpose. */
export function RequireAuth() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === "loading") return <LoadingState />;
  if (state.status === "signed-out") {
    const here = location.pathname + location.search;
    return <Navigate to={state.reason === "signed-out" ? "/login" : withNext("/login", here)} replace />;
  }
  return <Outlet />;
}

/** Sign-in and sign-up: once signed in (including by these very pages) the user moves on to `next` or home. */
export function GuestOnly() {
  const { state } = useAuth();
  const [searchParams] = useSearchParams();
  if (state.status === "loading") return <LoadingState />;
  if (state.status === "signed-in") {
    return <Navigate to={safeNextPath(searchParams.get("next")) ?? homePath(state.me)} replace />;
  }
  return <Outlet />;
}
