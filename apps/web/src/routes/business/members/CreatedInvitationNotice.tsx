import type { CreatedInvitation } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/Alert";
import { CopyField } from "../../../components/CopyField";
import { useLocale } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";
import { useBusiness } from "../BusinessLayout";

/**
 * The new invitation's link. It is shown only now: the server keeps a hash of the token, and no
 * email leaves a development machine, so the owner passes the link on themselves.
 */
export function CreatedInvitationNotice({ invitation }: { invitation: CreatedInvitation }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const business = useBusiness();
  const link = new URL(invitation.inviteUrl, window.location.origin).href;
  return (
    <Alert tone="success" title={t("invitations.createdTitle", { email: invitation.email })}>
      <p>
        {t("invitations.createdBody", {
          email: invitation.email,
          date: formatDateTime(invitation.expiresAt, locale, business.timeZone),
        })}
      </p>
      <CopyField label={t("invitations.linkLabel")} value={link} />
    </Alert>
  );
}
