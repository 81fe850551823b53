import { LoginBody } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { FormAlert } from "../../components/FormAlert";
import { PageHeader } from "../../components/PageHeader";
import { ApiError } from "../../lib/api";
import { useApiForm } from "../../lib/api-form";
import { useAuth } from "../../lib/auth-context";

export function LoginPage() {
  const { t } = useTranslation();
  const { state, signIn } = useAuth();
  const { search } = useLocation();
  const [searchParams] = useSearchParams();
  const form = useApiForm({
    schema: LoginBody,
    defaultValues: { email: searchParams.get("email") ?? "", password: "" },
    onSubmit: signIn,
    describeError: (error) =>
      error instanceof ApiError && error.status === 401 ? t("auth.login.invalidCredentials") : undefined,
  });
  const reason = state.status === "signed-out" ? state.reason : null;

  return (
    <div className="narrow-page">
      <PageHeader title={t("auth.login.title")} intro={t("auth.login.intro")} />
      {reason === "expired" && <Alert tone="info">{t("auth.login.sessionExpired")}</Alert>}
      {reason === "signed-out" && <Alert tone="success">{t("auth.login.signedOut")}</Alert>}
      <form className="card stack" noValidate onSubmit={form.handleSubmit}>
        <FormAlert alert={form.alert} />
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
          autoComplete="current-password"
          required
          {...form.field("password")}
        />
        <Button type="submit" variant="primary" busy={form.submitting} busyLabel={t("auth.login.submitting")}>
          {t("auth.login.submit")}
        </Button>
      </form>
      <p className="switch-auth">
        {t("auth.login.noAccount")}{" "}
        <Link to={{ pathname: "/signup", search }}>{t("auth.login.signUpLink")}</Link>
      </p>
    </div>
  );
}
