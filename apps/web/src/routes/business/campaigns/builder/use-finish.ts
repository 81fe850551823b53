import { Ad, type Business, Campaign } from "@sorot/contracts";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError, apiPath, apiRequest } from "../../../../lib/api";
import { errorMessage, type FieldErrors, fieldPath } from "../../../../lib/errors";
import { notice, noticeState } from "../../../../lib/notice";
import { useStale } from "../../../../lib/stale";
import { adBody } from "../ad-draft";
import { AD_STEP, type BuilderValues, withNameFromHeadline } from "../campaign-form";
import { createBody, type DraftErrors, listFieldOf, stepOfPath, updateBody } from "../draft";
import { campaignPath } from "../paths";
import { submitRefusal } from "../submit-refusal";
import { clearBuilder, type SavedBuilder } from "./autosave";

export interface FinishFailure {
  message: string;
  /** The submit check's 409: the campaign and ad are saved, something else is missing. */
  notReady: boolean;
  needsTopUp: boolean;
}

/** Server field errors (`body.budget.amountMicros`) as the builder's keys, with the step of the first. */
function campaignErrorsFrom(error: ApiError): { errors: DraftErrors; step: number } | null {
  const errors: DraftErrors = {};
  for (const { path, message } of error.problem.errors ?? [])
    errors[listFieldOf(fieldPath(path))] ??= message;
  if (Object.keys(errors).length === 0) return null;
  return { errors, step: Math.min(...Object.keys(errors).map(stepOfPath)) };
}

function adErrorsFrom(error: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  for (const { path, message } of error.problem.errors ?? []) errors[fieldPath(path)] ??= message;
  return errors;
}

/** A step the server sent the owner back to, with its fields' errors. */
class BackToStep extends Error {
  constructor(
    readonly step: number,
    readonly errors: { campaign: DraftErrors; ad: FieldErrors },
  ) {
    super(`back to step ${step}`);
  }
}

type Mode = "draft" | "submit";

/**
 * The builder's end: the campaign and its ad are created (or, on a retry, updated: their ids are
 * remembered, so a second attempt never makes a second campaign) and, if asked, submitted for review.
 * Field errors of the server send the owner back to their step through `onBackToStep`. The ids
 * start from an autosaved builder's and are reported through `onCreated` for it to keep.
 */
export function useFinish(
  business: Business,
  onBackToStep: (step: number, errors: { campaign: DraftErrors; ad: FieldErrors }) => void,
  remembered: SavedBuilder["created"],
  onCreated: (created: SavedBuilder["created"]) => void,
) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const stale = useStale();
  const [finishing, setFinishing] = useState<Mode | null>(null);
  const [failure, setFailure] = useState<FinishFailure | null>(null);
  // Remembered across attempts: a retry updates what the first attempt created.
  const created = useRef<SavedBuilder["created"]>(remembered);
  const [campaignId, setCampaignId] = useState<string | null>(remembered.campaignId ?? null);
  const base = apiPath`/v1/businesses/${business.id}/campaigns`;

  async function saveCampaign({ draft }: BuilderValues): Promise<string> {
    try {
      const id = created.current.campaignId;
      if (id) {
        await apiRequest("PATCH", `${base}/${encodeURIComponent(id)}`, {
          body: updateBody(draft, business.timeZone, { submitted: false }),
          schema: Campaign,
        });
        return id;
      }
      const campaign = await apiRequest("POST", base, {
        body: createBody(draft, business.timeZone),
        schema: Campaign,
      });
      created.current.campaignId = campaign.id;
      onCreated({ ...created.current });
      setCampaignId(campaign.id);
      return campaign.id;
    } catch (error) {
      const mapped = error instanceof ApiError && error.status === 400 ? campaignErrorsFrom(error) : null;
      if (mapped) throw new BackToStep(mapped.step, { campaign: mapped.errors, ad: {} });
      throw error;
    }
  }

  async function saveAd(id: string, { ad }: BuilderValues): Promise<void> {
    const adsPath = `${base}/${encodeURIComponent(id)}/ads`;
    try {
      if (created.current.adId) {
        await apiRequest("PATCH", `${adsPath}/${encodeURIComponent(created.current.adId)}`, {
          body: adBody(ad),
          schema: Ad,
        });
      } else {
        created.current.adId = (await apiRequest("POST", adsPath, { body: adBody(ad), schema: Ad })).id;
        onCreated({ ...created.current });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && (error.problem.errors?.length ?? 0) > 0) {
        throw new BackToStep(AD_STEP, { campaign: {}, ad: adErrorsFrom(error) });
      }
      throw error;
    }
  }

  /** Resolves false when the submit check refused (409): it says what is missing; the draft stays saved. */
  async function submit(id: string): Promise<boolean> {
    try {
      await apiRequest("POST", `${base}/${encodeURIComponent(id)}/submit`, { schema: Campaign });
      return true;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
      setFailure({ ...submitRefusal(error, t), notReady: true });
      return false;
    }
  }

  async function finish(mode: Mode, typed: BuilderValues) {
    setFailure(null);
    setFinishing(mode);
    const values = withNameFromHeadline(typed);
    try {
      const id = await saveCampaign(values);
      await saveAd(id, values);
      void stale.campaigns(business.id);
      if (mode === "submit" && !(await submit(id))) return;
      clearBuilder(business.id);
      const done = mode === "submit" ? "campaigns.actions.submitted" : "campaigns.edit.saved";
      navigate(campaignPath(business.id, id), { state: noticeState(notice(done)) });
    } catch (error) {
      if (error instanceof BackToStep) onBackToStep(error.step, error.errors);
      else setFailure({ message: errorMessage(error, t), notReady: false, needsTopUp: false });
    } finally {
      setFinishing(null);
    }
  }

  return { finish, finishing, failure, clearFailure: () => setFailure(null), campaignId };
}
