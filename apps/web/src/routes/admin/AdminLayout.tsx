import { Outlet } from "react-router";
import { useMe } from "../../lib/auth-context";
import { NotFoundPage } from "../NotFoundPage";

/** The admin area. To anyone else it does not exist: the same page as any unknown address. */
export function AdminLayout() {
  const { user } = useMe();
  if (user.role !== "admin") return <NotFoundPage />;
  return <Outlet />;
}
