import { AdminBusiness, SuspendBody } from "@sorot/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Dialog } from "../../components/Dialog";
import { TextAreaField } from "../../components/Field";
import { ApiError, apiPath, apiRequest } from "../../lib/api";
import { useApiForm } from "../../lib/api-form";
import { errorMessage } from "../../lib/errors";
import { useStale } from "../../lib/stale";
import { useAsyncAction } from "../../lib/use-async-action";
import "./reviews/reviews.css";

interface SuspensionSectionProps {
  business: AdminBusiness;
}

/** Suspend a business (with a reason its owners see) or restore it, each asked first. */
export function SuspensionSection({ business }: SuspensionSectionProps) {
  const { t } = useTranslation();
  const stale = useStale();
  const [asking, setAsking] = useState<"suspend" | "unsuspend" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAsyncAction();
  const suspended = business.status === "suspended";

  async function change(kind: "suspend" | "unsuspend", reason?: string) {
    let message: string | null = null;
    const ok = await action.run(async () => {
      try {
        await apiRequest("POST", apiPath`/v1/admin/businesses/${business.id}/${kind}`, {
          body: kind === "suspend" ? { reason } : undefined,
          schema: AdminBusiness,
        });
        message = t(kind === "suspend" ? "suspension.suspended" : "suspension.unsuspended", {
          name: business.name,
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) message = t("suspension.alreadyChanged");
        else throw error;
      }
    });
    if (ok) {
      setAsking(null);
      setNotice(message);
      // Changed here or, as a 409 revealed, elsewhere: either way the business is read again.
      void stale.adminBusiness(business.id);
    }
  }

  return (
    <section className="card" aria-labelledby="admin-suspension">
      <h2 id="admin-suspension">{t("suspension.title")}</h2>
      <div role="status" className="review-live">
        {notice && <Alert tone="success">{notice}</Alert>}
      </div>
      <p>{suspended ? t("suspension.suspendedBody") : t("suspension.activeBody")}</p>
      <div className="standing-actions">
        {suspended ? (
          <Button
            variant="primary"
            onClick={() => {
              action.clearError();
              setNotice(null);
              setAsking("unsuspend");
            }}
          >
            {t("suspension.unsuspend")}
          </Button>
        ) : (
          <Button
            variant="danger"
            onClick={() => {
              action.clearError();
              setNotice(null);
              setAsking("suspend");
            }}
          >
            {t("suspension.suspend")}
          </Button>
        )}
      </div>
      {asking === "suspend" && (
        <SuspendDialog
          name={business.name}
          busy={action.busy}
          error={action.error === null ? null : errorMessage(action.error, t)}
          onConfirm={(reason) => change("suspend", reason)}
          onCancel={() => setAsking(null)}
        />
      )}
      <ConfirmDialog
        open={asking === "unsuspend"}
        title={t("suspension.unsuspendTitle", { name: business.name })}
        body={t("suspension.unsuspendBody")}
        confirmLabel={t("suspension.unsuspendConfirm")}
        busy={action.busy}
        error={action.error === null ? null : errorMessage(action.error, t)}
        onConfirm={() => change("unsuspend")}
        onCancel={() => setAsking(null)}
      />
    </section>
  );
}

interface SuspendDialogProps {
  name: string;
  busy: boolean;
  error: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** The confirmation of a suspension, which needs a reason: the dialog is the "are you sure". */
function SuspendDialog({ name, busy, error, onConfirm, onCancel }: SuspendDialogProps) {
  const { t } = useTranslation();
  const form = useApiForm({
    schema: SuspendBody,
    defaultValues: { reason: "" },
    onSubmit: async ({ reason }) => onConfirm(reason),
  });

  return (
    <Dialog title={t("suspension.suspendTitle", { name })} onClose={onCancel} closeDisabled={busy}>
      <form className="stack" noValidate onSubmit={form.handleSubmit}>
        <p>{t("suspension.suspendBody")}</p>
        <TextAreaField
          label={t("suspension.reason")}
          hint={t("suspension.reasonHint")}
          required
          maxLength={500}
          disabled={busy}
          {...form.field("reason")}
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
          <Button type="submit" variant="danger" busy={busy} busyLabel={t("suspension.suspending")}>
            {t("suspension.confirm")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
