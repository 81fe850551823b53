import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * The page's h1 and the document title. The h1 takes focus after navigation (see AppShell), so
 * screen readers announce the new page.
 */
export function PageHeader({ title, intro }: { title: string; intro?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="page-header">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1 tabIndex={-1}>{title}</h1>
      {intro && <p className="page-intro">{intro}</p>}
    </header>
  );
}
