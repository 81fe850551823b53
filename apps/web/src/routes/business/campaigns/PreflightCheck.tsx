import { PrescreenFlag } from "@sorot/contracts";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "../../../components/Button";
import { PrescreenFlagList } from "../../../components/PrescreenFlagList";
import { apiPath, apiRequest } from "../../../lib/api";
import { errorMessage } from "../../../lib/errors";
import { useAsyncAction } from "../../../lib/use-async-action";
import type { AdDraft } from "./ad-draft";
import "./AdReviewStatus.css";

const PreflightResult = z.object({ flags: z.array(PrescreenFlag) });

/** The ad as the pre-flight takes it, within its limits (the form itself says when a text is too long). */
export function preflightBody(ad: AdDraft) {
  return {
    headline: ad.headline.slice(0, 200),
    text: ad.text.slice(0, 500),
    callToAction: ad.callToAction,
    ...(ad.destinationType === "whatsapp"
      ? { whatsapp: { phone: ad.whatsappPhone.slice(0, 32), message: ad.whatsappMessage.slice(0, 500) } }
      : { landingUrl: ad.landingUrl.trim().slice(0, 2_048) }),
    assetId: ad.creative?.assetId,
  };
}

/**
 * "Check before submitting": runs the same automated pre-screen reviewers see on the ad as typed,
 * and lists what it found with how to fix each. Advice only; saving never waits for it.
 */
export function PreflightCheck({ businessId, ad }: { businessId: string; ad: AdDraft }) {
  const { t } = useTranslation();
  const hintId = useId();
  const { busy, error, run } = useAsyncAction();
  const [result, setResult] = useState<{ flags: z.infer<typeof PrescreenFlag>[]; checked: string } | null>(
    null,
  );
  const body = preflightBody(ad);
  const snapshot = JSON.stringify(body);

  async function check() {
    await run(async () => {
      const found = await apiRequest("POST", apiPath`/v1/businesses/${businessId}/prescreen`, {
        body,
        schema: PreflightResult,
      });
      setResult({ flags: found.flags, checked: snapshot });
    });
  }

  return (
    <div className="preflight">
      <p className="field-hint" id={hintId}>
        {t("preflight.hint")}
      </p>
      <div>
        <Button onClick={check} busy={busy} busyLabel={t("preflight.checking")} aria-describedby={hintId}>
          {t("preflight.button")}
        </Button>
      </div>
      <div className="preflight-result" role="status" aria-live="polite">
        {error !== null && <p className="field-error">{errorMessage(error, t)}</p>}
        {result && error === null && (
          <>
            {result.checked !== snapshot && <p className="preflight-stale">{t("preflight.stale")}</p>}
            {result.flags.length === 0 ? (
              <p className="preflight-ok">{t("preflight.none")}</p>
            ) : (
              <>
                <p>
                  <strong>{t("preflight.found", { count: result.flags.length })}</strong>
                </p>
                <PrescreenFlagList flags={result.flags} />
              </>
            )}
          </>
        )}
      </div>
    </div>
  );
}
