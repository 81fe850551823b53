import { PASSWORD_MIN_LENGTH, SignupBody } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { Button } from "../../components/Button";
import { ChoiceField, TextField } from "../../components/Field";
import { FormAlert } from "../../components/FormAlert";
import { PageHeader } from "../../components/PageHeader";
import { useLocale } from "../../i18n";
import { useApiForm } from "../../lib/api-form";
import { useAuth } from "../../lib/auth-context";

export function SignupPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { signUp } = useAuth();
  const { search } = useLocation();
  const [searchParams] = useSearchParams();
  const form = useApiForm({
    schema: SignupBody,
    // Most people sign up to advertise, and an invitation link is always for a business account.
    defaultValues: { name: "", email: searchParams.get("email") ?? "", password: "", accountKind: "owner" },
    // The account starts in whatever language the visitor chose while signing up.
    onSubmit: (body) => signUp({ ...body, locale }),
  });

  return (
    <div className="narrow-page">
      <PageHeader title={t("auth.signup.title")} intro={t("auth.signup.intro")} />
      <form className="card stack" noValidate onSubmit={form.handleSubmit}>
        <FormAlert alert={form.alert} />
        <ChoiceField
          label={t("creators.kind.legend")}
          choices={[
            { value: "owner", label: t("creators.kind.owner"), description: t("creators.kind.ownerHint") },
            {
              value: "creator",
              label: t("creators.kind.creator"),
              description: t("creators.kind.creatorHint"),
            },
          ]}
          {...form.field("accountKind")}
        />
        <TextField label={t("auth.signup.name")} autoComplete="name" required {...form.field("name")} />
        <TextField
          label={t("auth.email")}
          type="email"
          autoComplete="email"
          required
          {...form.field("email")}
        />
        <TextField
          label={t("auth.password")}
          type="password"
          autoComplete="new-password"
          hint={t("auth.signup.passwordHint", { min: PASSWORD_MIN_LENGTH })}
          required
          {...form.field("password")}
        />
        <Button
          type="submit"
          variant="primary"
          busy={form.submitting}
          busyLabel={t("auth.signup.submitting")}
        >
          {t("auth.signup.submit")}
        </Button>
      </form>
      <p className="switch-auth">
        {t("auth.signup.haveAccount")}{" "}
        <Link to={{ pathname: "/login", search }}>{t("auth.signup.signInLink")}</Link>
      </p>
    </div>
  );
}
