import { CreateReportBody, ReportReceipt } from "@sorot/contracts";
import { REPORT_REASONS } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { SelectField, TextAreaField } from "../../components/Field";
import { apiRequest } from "../../lib/api";
import { errorMessage } from "../../lib/errors";
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
    <Dialog title={t("creators.report.title")} onClose={onClose} closeDisabled={action.busy}>
      <div className="stack">
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
        {action.error !== null && (
          <p className="field-error" role="alert">
            {errorMessage(action.error, t)}
          </p>
        )}
        <div className="actions">
          <Button onClick={onClose} disabled={action.busy}>
            {t("common.cancel")}
          </Button>
          <Button
            variant="danger"
            onClick={handleSend}
            busy={action.busy}
            busyLabel={t("creators.report.submitting")}
          >
            {t("creators.report.submit")}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
