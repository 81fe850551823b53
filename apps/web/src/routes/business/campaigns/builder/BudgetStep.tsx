import { type Business, Wallet } from "@sorot/contracts";
import { can, formatRupiah, oneDayOfBudget, topupToCover } from "@sorot/core";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/Alert";
import { Button } from "../../../../components/Button";
import { TextField } from "../../../../components/Field";
import { apiPath } from "../../../../lib/api";
import { parseRupiah } from "../../../../lib/money";
import { useApiQuery } from "../../../../lib/queries";
import { TopupDialog } from "../../wallet/TopupDialog";
import {
  BiddingGroup,
  BudgetAmountField,
  BudgetTypeField,
  DurationField,
  PacingGroup,
  ScheduleGroup,
} from "../BudgetScheduleFields";
import { useDraftFields } from "../campaign-form";
import { type CampaignDraft, createBody, EMPTY_TARGETING } from "../draft";
import { TargetingFields } from "../TargetingFields";

/**
 * Step 2: the daily budget, how long, and for whom ("Seluruh Indonesia, 18+" until changed), with
 * the balance checked here rather than at submit. The rest keeps its defaults behind "Pengaturan
 * lanjutan", which opens by itself when one of its fields has an error.
 */
export function BudgetStep({ business }: { business: Business }) {
  const { t } = useTranslation();
  const { draft, campaignErrors, change } = useDraftFields();
  const fields = { draft, onChange: change, errors: campaignErrors, timeZone: business.timeZone };
  const failing = Object.keys(campaignErrors);
  const advancedFailing = failing.some((path) => /^(name|budget\.type|schedule|bidding|pacing)/.test(path));
  const audienceFailing = failing.some((path) => path.startsWith("targeting"));
  return (
    <div className="stack stack-loose">
      <BudgetAmountField {...fields} />
      <DurationField {...fields} />
      <BalanceCheck business={business} draft={draft} />
      <Expandable
        title={t("campaigns.builder.audience")}
        summary={
          isEveryone(draft.targeting)
            ? t("campaigns.builder.audienceEveryone")
            : t("campaigns.builder.audienceChosen")
        }
        action={t("campaigns.builder.audienceChange")}
        forceOpen={audienceFailing}
      >
        <TargetingFields
          targeting={draft.targeting}
          onChange={(targeting) => change({ targeting })}
          errors={campaignErrors}
        />
      </Expandable>
      <Expandable
        title={t("campaigns.builder.advanced")}
        summary={t("campaigns.builder.advancedSummary")}
        action={t("campaigns.builder.advancedOpen")}
        forceOpen={advancedFailing}
      >
        <div className="stack stack-loose">
          <TextField
            label={t("campaigns.objective.name")}
            hint={t("campaigns.builder.nameHint")}
            name="name"
            maxLength={100}
            value={draft.name}
            error={campaignErrors.name}
            onChange={(event) => change({ name: event.target.value })}
          />
          <BudgetTypeField {...fields} />
          <ScheduleGroup {...fields} />
          <BiddingGroup {...fields} />
          <PacingGroup {...fields} />
        </div>
      </Expandable>
    </div>
  );
}

function isEveryone(targeting: CampaignDraft["targeting"]): boolean {
  return (Object.keys(EMPTY_TARGETING) as (keyof typeof EMPTY_TARGETING)[]).every(
    (list) => targeting[list].length === 0,
  );
}

interface ExpandableProps {
  title: string;
  summary: string;
  /** The button that opens the details: "Ubah". */
  action: string;
  /** Open regardless of the owner's toggle: an error inside must be seen and focusable. */
  forceOpen: boolean;
  children: ReactNode;
}

/** A settled choice in one line with a button that opens its fields in place. */
function Expandable({ title, summary, action, forceOpen, children }: ExpandableProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const panelId = useId();
  const open = opened || forceOpen;
  return (
    <section className="builder-expandable" aria-label={title}>
      <div className="builder-expandable-head">
        <p>
          <strong>{title}</strong>
          <span className="meta">{summary}</span>
        </p>
        {!forceOpen && (
          <Button
            variant="ghost"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpened((current) => !current)}
          >
            {open ? t("campaigns.builder.close") : action}
          </Button>
        )}
      </div>
      <div id={panelId} hidden={!open}>
        {open && children}
      </div>
    </section>
  );
}

/**
 * The submit check's money rule, asked as the budget is typed: one day of budget must be in the
 * wallet. Short of it, a top-up for the difference opens here, without leaving the builder.
 */
function BalanceCheck({ business, draft }: { business: Business; draft: CampaignDraft }) {
  const { t } = useTranslation();
  const wallet = useApiQuery(apiPath`/v1/businesses/${business.id}/wallet`, Wallet);
  const [topupMicros, setTopupMicros] = useState<bigint | null>(null);
  const [paidNotice, setPaidNotice] = useState<string | null>(null);
  if (!wallet.isSuccess || parseRupiah(draft.amount) === null) return null;
  const body = createBody(draft, business.timeZone);
  const now = new Date();
  const needed = oneDayOfBudget({
    budget: { type: body.budget.type, amountMicros: BigInt(body.budget.amountMicros) },
    schedule: {
      startAt: body.schedule.startAt ? new Date(body.schedule.startAt) : null,
      endAt: body.schedule.endAt ? new Date(body.schedule.endAt) : null,
    },
    timeZone: business.timeZone,
    now,
  });
  const available = BigInt(wallet.data.availableMicros);
  const shortfall = needed - available;
  return (
    <>
      {shortfall > 0n ? (
        <Alert tone="warning">
          <p className="builder-balance">
            <span>{t("campaigns.builder.balance.short", { amount: formatRupiah(shortfall) })}</span>
            {can(business.role, "money.move") ? (
              <Button variant="primary" onClick={() => setTopupMicros(topupToCover(shortfall))}>
                {t("campaigns.builder.balance.topUp")}
              </Button>
            ) : (
              <span className="meta">{t("campaigns.builder.balance.askOwner")}</span>
            )}
          </p>
          <p className="meta">
            {t("campaigns.builder.balance.rule", {
              needed: formatRupiah(needed),
              available: formatRupiah(available),
            })}
          </p>
        </Alert>
      ) : (
        paidNotice && <Alert tone="success">{paidNotice}</Alert>
      )}
      {topupMicros !== null && (
        <TopupDialog
          business={business}
          amountMicros={topupMicros}
          onClose={() => setTopupMicros(null)}
          onPaid={(topup) => {
            setTopupMicros(null);
            setPaidNotice(t("topup.paidNotice", { amount: formatRupiah(BigInt(topup.amountMicros)) }));
          }}
        />
      )}
    </>
  );
}
