import { CreatedInvitation, CreateInvitationBody, MemberRole } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";
import { ChoiceField, TextField } from "../../../components/Field";
import { FormAlert } from "../../../components/FormAlert";
import { apiPath, apiRequest } from "../../../lib/api";
import { useApiForm } from "../../../lib/api-form";
import { useBusiness } from "../BusinessLayout";

export function InviteForm({ onCreated }: { onCreated: (invitation: CreatedInvitation) => void }) {
  const { t } = useTranslation();
  const business = useBusiness();
  const form = useApiForm({
    schema: CreateInvitationBody,
    defaultValues: { email: "", role: "operator" },
    onSubmit: async (body) => {
      const invitation = await apiRequest("POST", apiPath`/v1/businesses/${business.id}/invitations`, {
        body,
        schema: CreatedInvitation,
      });
      form.setValue("email", "");
      onCreated(invitation);
    },
  });
  const roles = MemberRole.options.map((role) => ({
    value: role,
    label: t(`roles.${role}`),
    description: t(`roleDescriptions.${role}`),
  }));

  return (
    <form className="stack" noValidate onSubmit={form.handleSubmit}>
      <FormAlert alert={form.alert} />
      <TextField
        label={t("invitations.email")}
        type="email"
        autoComplete="off"
        required
        {...form.field("email")}
      />
      <ChoiceField label={t("invitations.role")} choices={roles} {...form.field("role")} />
      <Button type="submit" variant="primary" busy={form.submitting} busyLabel={t("invitations.submitting")}>
        {t("invitations.submit")}
      </Button>
    </form>
  );
}
