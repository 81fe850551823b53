import { type ReactNode, useId, useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

interface DialogProps {
  title: string;
  /** Called on the close button and on Escape, unless `closeDisabled`. */
  onClose: () => void;
  /** While true (e.g. a request in flight) the dialog stays open. */
  closeDisabled?: boolean;
  /** Wide suits a document, such as a receipt, more than a form. */
  size?: "normal" | "wide";
  children: ReactNode;
}

/**
 * A modal panel for a task of its own, such as a top-up. It is open while mounted: render it to
 * open it. The native <dialog> traps focus and takes Escape; closing it before it leaves the page
 * returns focus to the button that opened it.
 */
export function Dialog({ title, onClose, closeDisabled = false, size = "normal", children }: DialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  // A layout effect, so the dialog closes (and hands focus back) before React removes it.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className={size === "wide" ? "modal modal-wide" : "modal"}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!closeDisabled) onClose();
      }}
    >
      <div className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="modal-close"
          aria-label={t("common.close")}
          onClick={onClose}
          disabled={closeDisabled}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
