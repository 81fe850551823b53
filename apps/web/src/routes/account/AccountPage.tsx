import { LOCALES, UpdateMeBody, type User } from "@sorot/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ChoiceField, TextField } from "../../components/Field";
import { FormAlert } from "../../components/FormAlert";
import { PageHeader } from "../../components/PageHeader";
import { useApiForm } from "../../lib/api-form";
import { useAuth, useMe } from "../../lib/auth-context";

export function AccountPage() {
  const { t } = useTranslation();
  const { user } = useMe();
  return (
    <div className="narrow-page">
      <PageHeader title={t("account.title")} intro={t("account.intro")} />
      {/* The header's language switcher also changes the account: the form starts over from the saved values. */}
      <AccountForm key={user.locale} user={user} />
    </div>
  );
}

function AccountForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const { updateMe } = useAuth();
  const [saved, setSaved] = useState(false);
  const form = useApiForm({
    schema: UpdateMeBody,
    defaultValues: { name: user.name, locale: user.locale },
    onSubmit: async (body) => {
      setSaved(false);
      await updateMe(body);
      setSaved(true);
    },
  });
  const languages = LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) }));

  return (
    <form className="card stack" noValidate onSubmit={form.handleSubmit}>
      <FormAlert alert={form.alert} />
      {saved && <Alert tone="success">{t("account.saved")}</Alert>}
      <dl className="facts">
        <div>
          <dt>{t("auth.email")}</dt>
          <dd>{user.email}</dd>
        </div>
      </dl>
      <TextField label={t("account.name")} autoComplete="name" required {...form.field("name")} />
      <ChoiceField label={t("account.language")} choices={languages} {...form.field("locale")} />
      <Button type="submit" variant="primary" busy={form.submitting} busyLabel={t("common.saving")}>
        {t("common.save")}
      </Button>
    </form>
  );
}
