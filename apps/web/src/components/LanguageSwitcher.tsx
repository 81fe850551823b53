import { LOCALES } from "@sorot/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { setLocale, useLocale } from "../i18n";
import type { Locale } from "../i18n/locale";
import { useAuth } from "../lib/auth-context";

/**
 * Two toggle buttons rather than a select: one tap on a phone, and each names its language in
 * that language. Signed in, the choice is saved to the account so other devices follow it.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const current = useLocale();
  const { state, updateMe } = useAuth();
  const [saving, setSaving] = useState(false);

  async function choose(locale: Locale) {
    await setLocale(locale);
    if (state.status !== "signed-in" || state.me.user.locale === locale) return;
    setSaving(true);
    // The account keeps its old language if this fails; this device still shows the new one.
    await updateMe({ locale }).catch(() => undefined);
    setSaving(false);
  }

  return (
    <fieldset className="language-switcher" aria-busy={saving || undefined}>
      <legend className="visually-hidden">{t("language.label")}</legend>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          onClick={() => choose(locale)}
        >
          {/* The name starts with what the button shows, so "click EN" works for voice control too. */}
          {locale.toUpperCase()} <span className="visually-hidden">{t(`language.${locale}`)}</span>
        </button>
      ))}
    </fieldset>
  );
}
