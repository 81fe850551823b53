import { Campaign } from "@sorot/contracts";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { apiPath, apiRequest } from "../../../lib/api";
import { errorMessage } from "../../../lib/errors";
import { useStale } from "../../../lib/stale";
import { useAsyncAction } from "../../../lib/use-async-action";

export type CampaignAction = "pause" | "resume" | "archive" | "duplicate";

const CONFIRM_KEYS = {
  pause: {
    title: "campaigns.actions.pauseTitle",
    body: "campaigns.actions.pauseBody",
    confirm: "campaigns.actions.pauseConfirm",
  },
  resume: {
    title: "campaigns.actions.resumeTitle",
    body: "campaigns.actions.resumeBody",
    confirm: "campaigns.actions.resumeConfirm",
  },
  archive: {
    title: "campaigns.actions.archiveTitle",
    body: "campaigns.actions.archiveBody",
    confirm: "campaigns.actions.archiveConfirm",
  },
  duplicate: {
    title: "campaigns.actions.duplicateTitle",
    body: "campaigns.actions.duplicateBody",
    confirm: "campaigns.actions.duplicateConfirm",
  },
} as const;

/**
 * Pause, resume, archive and duplicate, each asked first in a dialog; the campaign views are read
 * again after each. `onDone` gets the campaign
 * the API answered with: the same one in its new state, or the new draft for a duplicate.
 */
export function useCampaignAction(
  businessId: string,
  onDone: (action: CampaignAction, before: Campaign, after: Campaign) => void,
): { ask: (action: CampaignAction, campaign: Campaign) => void; dialog: ReactNode } {
  const { t } = useTranslation();
  const [pending, setPending] = useState<{ action: CampaignAction; campaign: Campaign } | null>(null);
  const { busy, error, run, clearError } = useAsyncAction();
  const stale = useStale();

  async function confirm() {
    if (!pending) return;
    const { action, campaign } = pending;
    let after: Campaign | null = null;
    const ok = await run(async () => {
      after = await apiRequest(
        "POST",
        apiPath`/v1/businesses/${businessId}/campaigns/${campaign.id}/${action}`,
        { schema: Campaign },
      );
    });
    if (ok && after) {
      setPending(null);
      void stale.campaigns(businessId);
      onDone(action, campaign, after);
    }
  }

  const keys = CONFIRM_KEYS[pending?.action ?? "pause"];
  const name = pending?.campaign.name ?? "";
  const dialog = (
    <ConfirmDialog
      open={pending !== null}
      title={t(keys.title, { name })}
      body={t(keys.body)}
      confirmLabel={t(keys.confirm)}
      busy={busy}
      error={error ? errorMessage(error, t) : null}
      onConfirm={confirm}
      onCancel={() => {
        clearError();
        setPending(null);
      }}
    />
  );

  return {
    ask: (action, campaign) => {
      clearError();
      setPending({ action, campaign });
    },
    dialog,
  };
}
