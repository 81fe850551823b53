import { CSV_FORMS, type CsvForm } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/errors";
import type { useCsvDownload } from "../lib/use-csv-download";
import { Button } from "./Button";
import { SelectField } from "./Field";

const FORM_LABELS = { standard: "csv.form.standard", "excel-id": "csv.form.excelId" } as const;

/** Picks the form of a CSV download: the standard one, or the one Excel in Indonesian reads. */
export function CsvFormField({ value, onChange }: { value: CsvForm; onChange: (form: CsvForm) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t("csv.form.label")}
      hint={t("csv.form.hint")}
      value={value}
      onChange={(event) => onChange(event.target.value as CsvForm)}
      choices={CSV_FORMS.map((form) => ({ value: form, label: t(FORM_LABELS[form]) }))}
    />
  );
}

/** A list's download: the form picker, the button, what the file holds, and why it failed if it did. */
export function CsvDownloadBar({
  download,
  onDownload,
  label,
  busyLabel,
  hint,
}: {
  download: ReturnType<typeof useCsvDownload>;
  onDownload: () => void;
  label: string;
  busyLabel: string;
  hint: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="page-actions">
      <CsvFormField value={download.form} onChange={download.setForm} />
      <Button onClick={onDownload} busy={download.busy} busyLabel={busyLabel}>
        {label}
      </Button>
      <p className="meta">{hint}</p>
      {download.error !== null && (
        <p className="field-error" role="alert">
          {errorMessage(download.error, t)}
        </p>
      )}
    </div>
  );
}
