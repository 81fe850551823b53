import type { User } from "@sorot/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAuth } from "../lib/auth-context";
import { errorMessage } from "../lib/errors";
import { Button } from "./Button";
import { Disclosure } from "./Disclosure";

/** "Sari Wulandari" -> "SW"; words without a letter or digit, like "(demo)"'s parenthesis, are skipped. */
function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((word) => word.match(/[\p{L}\p{N}]/u)?.[0] ?? "")
    .filter(Boolean)
    .slice(0, 2)
    .join("")
    .toUpperCase();
}

export function UserMenu({ user }: { user: User }) {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function handleSignOut() {
    setSigningOut(true);
    setError(null);
    try {
      await signOut();
    } catch (failure) {
      setError(errorMessage(failure, t));
      setSigningOut(false);
    }
  }

  return (
    <Disclosure
      className="user-menu"
      summary={
        <>
          <span className="avatar" aria-hidden="true">
            {initials(user.name)}
          </span>
          <span className="visually-hidden">{t("header.userMenu", { name: user.name })}</span>
        </>
      }
    >
      <div className="menu-identity">
        <strong className="truncate">{user.name}</strong>
        <span className="truncate">{user.email}</span>
      </div>
      <ul className="menu-list">
        <li>
          <Link to="/account">{t("header.account")}</Link>
        </li>
        <li>
          <Button
            variant="ghost"
            onClick={handleSignOut}
            busy={signingOut}
            busyLabel={t("header.signingOut")}
          >
            {t("header.signOut")}
          </Button>
        </li>
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Disclosure>
  );
}
