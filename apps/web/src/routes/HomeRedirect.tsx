import { Navigate } from "react-router";
import { LoadingState } from "../components/LoadingState";
import { useAuth } from "../lib/auth-context";
import { homePath } from "../lib/navigation";

export function HomeRedirect() {
  const { state } = useAuth();
  if (state.status === "loading") return <LoadingState />;
  return <Navigate to={state.status === "signed-in" ? homePath(state.me) : "/login"} replace />;
}
