import { CreateReportBody, ReportReceipt } from "@sorot/contracts";
import { REPORT_REASONS } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { ActionDialog } from "../../components/ActionDialog";
import { SelectField, TextAreaField } from "../../components/Field";
import { apiRequest } from "../../lib/api";
import { useApiForm } from "../../lib/api-form";

interface ReportDialogProps {
  /** The report route of the profile or request. */
  path: string;
  messageId?: string;
  onClose: () => void;
  onSent: () => void;
}

export function ReportDialog({ path, messageId, onClose, onSent }: ReportDialogProps) {
  const { t } = useTranslation();
  const form = useApiForm({
    schema: CreateReportBody,
    defaultValues: { reason: "", details: "" },
    toBody: (values) => ({ ...values, messageId }),
    onSubmit: async (body) => {
      await apiRequest("POST", path, { body, schema: ReportReceipt });
      onSent();
    },
  });

  return (
    <ActionDialog
      title={t("creators.report.title")}
      action={{ busy: form.submitting, error: form.alert?.cause ?? null }}
      confirmLabel={t("creators.report.submit")}
      busyLabel={t("creators.report.submitting")}
      onConfirm={form.handleSubmit}
      onCancel={onClose}
    >
      <p>{t("creators.report.intro")}</p>
      <SelectField
        label={t("creators.report.reason")}
        placeholder={t("validation.choose")}
        choices={REPORT_REASONS.map((value) => ({ value, label: t(`creators.report.reasons.${value}`) }))}
        {...form.field("reason")}
      />
      <TextAreaField
        label={t("creators.report.details")}
        hint={t("creators.report.detailsHint")}
        maxLength={1000}
        {...form.field("details")}
      />
    </ActionDialog>
  );
}
