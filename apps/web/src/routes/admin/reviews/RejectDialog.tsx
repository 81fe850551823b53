import { REJECTION_REASON_CODES, type RejectionReasonCode } from "@sorot/core";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";
import { Dialog } from "../../../components/Dialog";
import { TextAreaField } from "../../../components/Field";
import { useLocale } from "../../../i18n";
import { reasonTitle } from "./labels";

const NOTE_MAX_LENGTH = 1_000;

interface RejectDialogProps {
  adName: string;
  /** Reasons the pre-screen's flags point at: marked, never ticked for the reviewer. */
  suggested: ReadonlySet<string>;
  busy: boolean;
  /** A failure to show inside the dialog (one the page does not take over). */
  error: string | null;
  onConfirm: (reasons: RejectionReasonCode[], note: string | undefined) => void;
  onCancel: () => void;
}

/** The reason picker: the 12 reasons of the taxonomy as checkboxes, and a note for the owner. */
export function RejectDialog({ adName, suggested, busy, error, onConfirm, onCancel }: RejectDialogProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const fieldsetRef = useRef<HTMLFieldSetElement>(null);
  const [reasons, setReasons] = useState<RejectionReasonCode[]>([]);
  const [note, setNote] = useState("");
  const [reasonsError, setReasonsError] = useState<string | null>(null);

  function toggle(code: RejectionReasonCode) {
    setReasonsError(null);
    setReasons((current) =>
      current.includes(code)
        ? current.filter((each) => each !== code)
        : REJECTION_REASON_CODES.filter((each) => each === code || current.includes(each)),
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reasons.length === 0) {
      setReasonsError(t("reviews.rejectDialog.reasonsRequired"));
      fieldsetRef.current?.querySelector("input")?.focus();
      return;
    }
    const trimmed = note.trim();
    onConfirm(reasons, trimmed === "" ? undefined : trimmed);
  }

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <Dialog
      title={t("reviews.rejectDialog.title", { name: adName })}
      onClose={onCancel}
      closeDisabled={busy}
      size="wide"
    >
      <form className="stack" noValidate onSubmit={handleSubmit}>
        <fieldset
          ref={fieldsetRef}
          className="field reason-picker"
          aria-describedby={[reasonsError ? errorId : "", hintId].filter(Boolean).join(" ")}
          disabled={busy}
        >
          <legend className="field-label">{t("reviews.rejectDialog.reasons")}</legend>
          <p className="field-hint" id={hintId}>
            {t("reviews.rejectDialog.reasonsHint")}
          </p>
          <div className="reason-options">
            {REJECTION_REASON_CODES.map((code) => (
              <label key={code} className="reason-option">
                <input
                  type="checkbox"
                  name="reasons"
                  value={code}
                  checked={reasons.includes(code)}
                  aria-invalid={reasonsError ? true : undefined}
                  onChange={() => toggle(code)}
                />
                <span>
                  {reasonTitle(code, locale)}
                  {suggested.has(code) && (
                    <span className="review-badge review-badge-suggested">
                      {t("reviews.rejectDialog.suggested")}
                    </span>
                  )}
                </span>
              </label>
            ))}
          </div>
          {reasonsError && (
            <p className="field-error" id={errorId}>
              {reasonsError}
            </p>
          )}
        </fieldset>
        <TextAreaField
          label={t("reviews.rejectDialog.note")}
          hint={t("reviews.rejectDialog.noteHint")}
          name="note"
          rows={4}
          maxLength={NOTE_MAX_LENGTH}
          value={note}
          disabled={busy}
          onChange={(event) => setNote(event.target.value)}
        />
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <Button onClick={onCancel} disabled={busy}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" variant="danger" busy={busy} busyLabel={t("reviews.rejectDialog.rejecting")}>
            {t("reviews.rejectDialog.confirm")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
