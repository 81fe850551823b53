import { Member } from "@sorot/contracts";
import { can } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/Alert";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { LoadMore } from "../../../components/LoadMore";
import { PageHeader } from "../../../components/PageHeader";
import { apiPath } from "../../../lib/api";
import { useMe } from "../../../lib/auth-context";
import { useCursorList } from "../../../lib/queries";
import { useStale } from "../../../lib/stale";
import { useBusiness } from "../BusinessLayout";
import { InvitationsSection } from "./InvitationsSection";
import { MemberRow } from "./MemberRow";

export function MembersPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  const { user } = useMe();
  const stale = useStale();
  const members = useCursorList(apiPath`/v1/businesses/${business.id}/members`, Member, 50);
  const [notice, setNotice] = useState<string | null>(null);
  const canManage = can(business.role, "members.manage");

  function handleMemberChanged(message: string) {
    setNotice(message);
    void stale.members(business.id);
  }

  return (
    <>
      <PageHeader title={t("members.title")} intro={t("members.intro")} />
      {!canManage && <Alert tone="info">{t("members.readOnly")}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title" className="visually-hidden">
          {t("members.title")}
        </h2>
        {members.isPending && <LoadingState />}
        {members.isError && <ErrorState error={members.error} onRetry={members.refetch} />}
        {members.isSuccess && (
          <>
            <ul className="list">
              {members.items.map((member) => (
                <MemberRow
                  key={member.userId}
                  member={member}
                  isSelf={member.userId === user.id}
                  onChanged={handleMemberChanged}
                />
              ))}
            </ul>
            <LoadMore list={members} />
          </>
        )}
      </section>
      {canManage && <InvitationsSection onNotice={setNotice} />}
    </>
  );
}
