import { type Member, MemberRole } from "@sorot/contracts";
import { can } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { useLocale } from "../../../i18n";
import { apiPath, apiRequest } from "../../../lib/api";
import { errorMessage } from "../../../lib/errors";
import { formatDate } from "../../../lib/format";
import { useAsyncAction } from "../../../lib/use-async-action";
import { useBusiness } from "../BusinessLayout";

interface MemberRowProps {
  member: Member;
  isSelf: boolean;
  /** Called with a sentence describing what changed, after the change succeeded. */
  onChanged: (message: string) => void;
}

export function MemberRow({ member, isSelf, onChanged }: MemberRowProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const business = useBusiness();
  const [role, setRole] = useState(member.role);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const saveRole = useAsyncAction();
  const removal = useAsyncAction();
  const memberPath = apiPath`/v1/businesses/${business.id}/members/${member.userId}`;
  const canManage = can(business.role, "members.manage");

  async function handleSaveRole() {
    const saved = await saveRole.run(() => apiRequest("PATCH", memberPath, { body: { role } }));
    if (saved) onChanged(t("members.roleSaved", { name: member.name, role: t(`roles.${role}`) }));
  }

  async function handleRemove() {
    const removed = await removal.run(() => apiRequest("DELETE", memberPath));
    if (removed) {
      setConfirmingRemoval(false);
      onChanged(t("members.removed", { name: member.name }));
    }
  }

  return (
    <li className="list-row">
      <div className="list-row-main">
        <p className="list-row-title">
          {member.name}
          {isSelf && <span className="badge">{t("common.you")}</span>}
        </p>
        <p className="meta">
          {member.email} ·{" "}
          {t("members.joinedAt", { date: formatDate(member.joinedAt, locale, business.timeZone) })}
        </p>
      </div>
      {canManage ? (
        <div className="list-row-actions">
          <select
            className="input"
            aria-label={t("members.roleOf", { name: member.name })}
            value={role}
            onChange={(event) => setRole(MemberRole.parse(event.target.value))}
          >
            {MemberRole.options.map((option) => (
              <option key={option} value={option}>
                {t(`roles.${option}`)}
              </option>
            ))}
          </select>
          {role !== member.role && (
            <Button
              variant="primary"
              onClick={handleSaveRole}
              busy={saveRole.busy}
              busyLabel={t("common.saving")}
            >
              {t("members.saveRole")}
            </Button>
          )}
          <Button variant="danger" onClick={() => setConfirmingRemoval(true)}>
            {t("members.remove")}
          </Button>
          {saveRole.error !== null && (
            <p className="field-error" role="alert">
              {errorMessage(saveRole.error, t)}
            </p>
          )}
        </div>
      ) : (
        <span className="badge">{t(`roles.${member.role}`)}</span>
      )}
      <ConfirmDialog
        open={confirmingRemoval}
        title={t("members.removeTitle", { name: member.name })}
        body={t("members.removeBody", { name: member.name })}
        confirmLabel={t("members.removeConfirm")}
        busy={removal.busy}
        error={removal.error === null ? null : errorMessage(removal.error, t)}
        onConfirm={handleRemove}
        onCancel={() => {
          setConfirmingRemoval(false);
          removal.clearError();
        }}
      />
    </li>
  );
}
