import type { Invitation } from "@sorot/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { useLocale } from "../../../i18n";
import { apiPath, apiRequest } from "../../../lib/api";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { useAsyncAction } from "../../../lib/use-async-action";
import { useBusiness } from "../BusinessLayout";

interface InvitationRowProps {
  invitation: Invitation;
  onRevoked: (invitation: Invitation) => void;
}

export function InvitationRow({ invitation, onRevoked }: InvitationRowProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const business = useBusiness();
  const [confirming, setConfirming] = useState(false);
  const revocation = useAsyncAction();

  async function handleRevoke() {
    const path = apiPath`/v1/businesses/${business.id}/invitations/${invitation.id}`;
    if (await revocation.run(() => apiRequest("DELETE", path))) {
      setConfirming(false);
      onRevoked(invitation);
    }
  }

  return (
    <li className="list-row">
      <div className="list-row-main">
        <p className="list-row-title">{invitation.email}</p>
        <p className="meta">
          {t(`roles.${invitation.role}`)} ·{" "}
          {t("invitations.expiresAt", {
            date: formatDateTime(invitation.expiresAt, locale, business.timeZone),
          })}
        </p>
      </div>
      <div className="list-row-actions">
        <Button variant="danger" onClick={() => setConfirming(true)}>
          {t("invitations.revoke")}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t("invitations.revokeTitle", { email: invitation.email })}
        body={t("invitations.revokeBody")}
        confirmLabel={t("invitations.revokeConfirm")}
        busy={revocation.busy}
        error={revocation.error === null ? null : errorMessage(revocation.error, t)}
        onConfirm={handleRevoke}
        onCancel={() => {
          setConfirming(false);
          revocation.clearError();
        }}
      />
    </li>
  );
}
