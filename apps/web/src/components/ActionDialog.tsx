import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/errors";
import { Button } from "./Button";
import { Dialog } from "./Dialog";

interface ActionDialogProps {
  title: string;
  /** The state of the one request the dialog sends (see useAsyncAction). */
  action: { busy: boolean; error: unknown };
  confirmLabel: string;
  busyLabel: string;
  confirmVariant?: "primary" | "danger";
  /** The dialog is a form: confirming submits it, so a form library may check its fields first. */
  onConfirm: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  /** What the decision is about and its fields, above the error and the buttons. */
  children: ReactNode;
}

/**
 * A dialog that asks for a few fields before one request, such as a decision with a note. It stays
 * open while the request runs and shows the request's failure above its buttons.
 */
export function ActionDialog({
  title,
  action,
  confirmLabel,
  busyLabel,
  confirmVariant = "danger",
  onConfirm,
  onCancel,
  children,
}: ActionDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog title={title} onClose={onCancel} closeDisabled={action.busy}>
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm(event);
        }}
      >
        {children}
        {action.error !== null && (
          <p className="field-error" role="alert">
            {errorMessage(action.error, t)}
          </p>
        )}
        <div className="actions">
          <Button onClick={onCancel} disabled={action.busy}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" variant={confirmVariant} busy={action.busy} busyLabel={busyLabel}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
