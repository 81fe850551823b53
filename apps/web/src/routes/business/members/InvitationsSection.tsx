import { type CreatedInvitation, Invitation } from "@sorot/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { LoadMore } from "../../../components/LoadMore";
import { apiPath } from "../../../lib/api";
import { useCursorList } from "../../../lib/queries";
import { useStale } from "../../../lib/stale";
import { useBusiness } from "../BusinessLayout";
import { CreatedInvitationNotice } from "./CreatedInvitationNotice";
import { InvitationRow } from "./InvitationRow";
import { InviteForm } from "./InviteForm";

/** For those who manage members: inviting people and managing the invitations not yet accepted. */
export function InvitationsSection({ onNotice }: { onNotice: (message: string) => void }) {
  const { t } = useTranslation();
  const business = useBusiness();
  const invitations = useCursorList(apiPath`/v1/businesses/${business.id}/invitations`, Invitation);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const stale = useStale();

  function handleCreated(invitation: CreatedInvitation) {
    setCreated(invitation);
    void stale.invitations(business.id);
  }

  function handleRevoked(revoked: Invitation) {
    // A revoked link must not stay on screen as if it could still be shared.
    setCreated((current) => (current?.id === revoked.id ? null : current));
    void stale.invitations(business.id);
    onNotice(t("invitations.revoked", { email: revoked.email }));
  }

  return (
    <>
      <section className="card stack" aria-labelledby="invite-title">
        <h2 id="invite-title">{t("invitations.inviteTitle")}</h2>
        <p>{t("invitations.inviteIntro")}</p>
        {created && <CreatedInvitationNotice invitation={created} />}
        <InviteForm onCreated={handleCreated} />
      </section>
      <section className="card" aria-labelledby="pending-title">
        <h2 id="pending-title">{t("invitations.pendingTitle")}</h2>
        {invitations.isPending && <LoadingState />}
        {invitations.isError && <ErrorState error={invitations.error} onRetry={invitations.refetch} />}
        {invitations.isSuccess &&
          (invitations.items.length === 0 ? (
            <EmptyState>{t("invitations.empty")}</EmptyState>
          ) : (
            <>
              <ul className="list">
                {invitations.items.map((invitation) => (
                  <InvitationRow key={invitation.id} invitation={invitation} onRevoked={handleRevoked} />
                ))}
              </ul>
              <LoadMore list={invitations} />
            </>
          ))}
      </section>
    </>
  );
}
