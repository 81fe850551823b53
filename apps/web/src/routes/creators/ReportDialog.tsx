import { CreateReportBody, ReportReceipt } from "@sorot/contracts";
import { REPORT_REASONS } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionDialog } from "../../components/ActionDialog";
import { SelectField, TextAreaField } from "../../components/Field";
import { apiRequest } from "../../lib/api";
import { useAsyncAction } from "../../lib/use-async-action";

interface ReportDialogProps {
  /** The report route of the profile or request. */
  path: string;
  messageId?: string;
  onClose: () => void;
  onSent: () => void;
}

export function ReportDialog({ path, messageId, onClose, onSent }: ReportDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [details, setDetails] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  const action = useAsyncAction();

  async function handleSend() {
    const parsed = CreateReportBody.safeParse({ reason, details, messageId });
    if (!parsed.success) {
      setReasonError(t("validation.choose"));
      return;
    }
    if (
      await action.run(
        async () => void (await apiRequest("POST", path, { body: parsed.data, schema: ReportReceipt })),
      )
    ) {
      onSent();
    }
  }

  return (
    <ActionDialog
      title={t("creators.report.title")}
      action={action}
      confirmLabel={t("creators.report.submit")}
      busyLabel={t("creators.report.submitting")}
      onConfirm={handleSend}
      onCancel={onClose}
    >
      <p>{t("creators.report.intro")}</p>
      <SelectField
        label={t("creators.report.reason")}
        placeholder={t("validation.choose")}
        choices={REPORT_REASONS.map((value) => ({ value, label: t(`creators.report.reasons.${value}`) }))}
        value={reason}
        error={reasonError}
        onChange={(event) => {
          setReason(event.target.value);
          setReasonError(undefined);
        }}
      />
      <TextAreaField
        label={t("creators.report.details")}
        hint={t("creators.report.detailsHint")}
        maxLength={1000}
        value={details}
        onChange={(event) => setDetails(event.target.value)}
      />
    </ActionDialog>
  );
}
