import { Business, InvitationPreview } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorState } from "../../components/ErrorState";
import { LoadingState } from "../../components/LoadingState";
import { PageHeader } from "../../components/PageHeader";
import { useLocale } from "../../i18n";
import { ApiError, apiPath, apiRequest } from "../../lib/api";
import { useAuth } from "../../lib/auth-context";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { businessPath } from "../../lib/navigation";
import { useApiQuery } from "../../lib/queries";
import { useStale } from "../../lib/stale";
import { useAsyncAction } from "../../lib/use-async-action";

/** Anyone with the link may look; accepting needs an account, so visitors sign in or up and come back here. */
export function AcceptInvitePage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const invitation = useApiQuery(apiPath`/v1/invitations/${token}`, InvitationPreview);

  if (invitation.isPending) return <LoadingState />;
  if (invitation.isError) {
    const gone = invitation.error instanceof ApiError && [404, 410].includes(invitation.error.status);
    return gone ? (
      <div className="narrow-page">
        <PageHeader title={t("acceptInvite.invalidTitle")} intro={t("acceptInvite.invalidBody")} />
      </div>
    ) : (
      <div className="narrow-page">
        <PageHeader title={t("acceptInvite.title")} />
        <ErrorState error={invitation.error} onRetry={invitation.refetch} />
      </div>
    );
  }
  return <InvitationDetails token={token} preview={invitation.data} />;
}

function InvitationDetails({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { state } = useAuth();
  const stale = useStale();
  const acceptance = useAsyncAction();

  async function handleAccept() {
    let business: Business | undefined;
    const accepted = await acceptance.run(async () => {
      business = await apiRequest("POST", apiPath`/v1/invitations/${token}/accept`, { schema: Business });
      await stale.myBusinesses();
    });
    if (accepted && business) navigate(businessPath(business.id));
  }

  const here = `/invite/${encodeURIComponent(token)}`;
  const authQuery = `?${new URLSearchParams({ next: here, email: preview.email })}`;

  return (
    <div className="narrow-page">
      <PageHeader
        title={t("acceptInvite.title")}
        intro={t("acceptInvite.summary", {
          business: preview.businessName,
          role: t(`roles.${preview.role}`),
        })}
      />
      <section className="card stack">
        <dl className="facts">
          <div>
            <dt>{t("invitations.role")}</dt>
            <dd>
              {t(`roles.${preview.role}`)}
              <span className="meta">{t(`roleDescriptions.${preview.role}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t("auth.email")}</dt>
            <dd>{preview.email}</dd>
          </div>
          <div>
            <dt>{t("acceptInvite.expiresAt")}</dt>
            <dd>{formatDateTime(preview.expiresAt, locale)}</dd>
          </div>
        </dl>
        {state.status === "loading" && <LoadingState />}
        {state.status === "signed-in" && (
          <>
            {state.me.user.email !== preview.email && (
              <Alert tone="warning">
                {t("acceptInvite.otherEmail", { current: state.me.user.email, email: preview.email })}
              </Alert>
            )}
            {acceptance.error !== null && <Alert tone="error">{errorMessage(acceptance.error, t)}</Alert>}
            <Button
              variant="primary"
              onClick={handleAccept}
              busy={acceptance.busy}
              busyLabel={t("acceptInvite.accepting")}
            >
              {t("acceptInvite.accept")}
            </Button>
          </>
        )}
        {state.status === "signed-out" && (
          <>
            <p>{t("acceptInvite.signInPrompt", { email: preview.email })}</p>
            <div className="actions">
              <Link className="button button-primary" to={`/login${authQuery}`}>
                {t("acceptInvite.signIn")}
              </Link>
              <Link className="button button-secondary" to={`/signup${authQuery}`}>
                {t("acceptInvite.signUp")}
              </Link>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
