import type { Business } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { Link, useMatch } from "react-router";
import { businessPath } from "../lib/navigation";
import { Disclosure } from "./Disclosure";

export function BusinessSwitcher({ businesses }: { businesses: Business[] }) {
  const { t } = useTranslation();
  const currentId = useMatch("/b/:businessId/*")?.params.businessId;
  const current = businesses.find(({ id }) => id === currentId);

  return (
    <Disclosure
      className="business-switcher"
      label={current ? t("header.currentBusiness", { name: current.name }) : undefined}
      summary={<span className="truncate">{current?.name ?? t("header.chooseBusiness")}</span>}
    >
      <ul className="menu-list">
        {businesses.map((business) => (
          <li key={business.id}>
            <Link
              to={businessPath(business.id)}
              aria-current={business.id === currentId ? "page" : undefined}
            >
              <span className="truncate">{business.name}</span>
              <span className="menu-meta">{t(`roles.${business.role}`)}</span>
            </Link>
          </li>
        ))}
        <li>
          <Link to="/businesses/new" className="menu-create">
            {t("header.newBusiness")}
          </Link>
        </li>
      </ul>
    </Disclosure>
  );
}
