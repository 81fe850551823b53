import type { CreateCampaignBody } from "@sorot/contracts";
import { type TimeZone, WEEKDAYS } from "@sorot/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../../i18n";
import { formatDate, formatDateTime, formatMoney } from "../../../lib/format";
import {
  clockLabel,
  closureFromApi,
  type Dayparting,
  daypartingPreset,
  hourRanges,
  startOfLocalDateIso,
} from "./schedule";
import { targetingLabels } from "./TargetingFields";

/** What a saved campaign and a draft's request body have in common: everything the owner chose. */
export interface CampaignSettings {
  objective: CreateCampaignBody["objective"];
  budget: { type: "daily" | "lifetime"; amountMicros: string };
  schedule: {
    startAt?: string | null;
    endAt?: string | null;
    dayparting?: Record<string, number[] | undefined> | null;
    closures: { from: string; to: string; reason: string }[];
  };
  bidding: { strategy: "manual" | "lowest_cost"; billingEvent: "cpm" | "cpc"; bidMicros?: string | null };
  pacing: "standard" | "accelerated";
  targeting: Record<keyof CreateCampaignBody["targeting"], string[]>;
}

export function useBudgetLabel() {
  const { t } = useTranslation();
  return (budget: CampaignSettings["budget"]) =>
    t(budget.type === "daily" ? "campaigns.budgetDaily" : "campaigns.budgetLifetime", {
      amount: formatMoney(budget.amountMicros),
    });
}

export function useBiddingLabel() {
  const { t } = useTranslation();
  return (bidding: CampaignSettings["bidding"]) => {
    const event = t(
      bidding.billingEvent === "cpm" ? "campaigns.bidding.eventCpm" : "campaigns.bidding.eventCpc",
    );
    if (bidding.strategy === "manual") {
      return t("campaigns.bidding.summaryManual", { amount: formatMoney(bidding.bidMicros ?? "0"), event });
    }
    return bidding.bidMicros
      ? t("campaigns.bidding.summaryLowestCap", { amount: formatMoney(bidding.bidMicros), event })
      : t("campaigns.bidding.summaryLowest", { event });
  };
}

function DaypartingSummary({ dayparting }: { dayparting: Dayparting }) {
  const { t } = useTranslation();
  const preset = daypartingPreset(dayparting);
  if (preset !== "custom" || dayparting === null) return <>{t(`campaigns.schedule.presets.${preset}`)}</>;
  return (
    <ul className="plain-list">
      {WEEKDAYS.map((day) => {
        const ranges = hourRanges(dayparting[day] ?? []);
        return (
          <li key={day}>
            {t(`campaigns.weekdaysShort.${day}`)}:{" "}
            {ranges.length === 0
              ? "—"
              : ranges
                  .map(([from, to]) => `${clockLabel(from)}–${clockLabel(to % 24 === 0 ? 24 : to)}`)
                  .join(", ")}
          </li>
        );
      })}
    </ul>
  );
}

interface SummaryRowProps {
  label: string;
  children: ReactNode;
  /** "Change" on the review step: back to the step that holds this setting. */
  onChange?: () => void;
}

export function SummaryRow({ label, children, onChange }: SummaryRowProps) {
  const { t } = useTranslation();
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {children}
        {onChange && (
          <button type="button" className="link-button summary-change" onClick={onChange}>
            {t("campaigns.review.change")}
            <span className="visually-hidden"> {label}</span>
          </button>
        )}
      </dd>
    </div>
  );
}

interface CampaignSummaryProps {
  settings: CampaignSettings;
  timeZone: TimeZone;
}

/** Objective, budget, schedule, bidding, pacing and audience, as rows of a definition list. */
export function CampaignSummary({ settings, timeZone }: CampaignSummaryProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const budgetLabel = useBudgetLabel();
  const biddingLabel = useBiddingLabel();
  const labels = targetingLabels(locale);
  const { schedule, targeting } = settings;
  const list = (key: keyof typeof labels, empty: string) =>
    targeting[key].length === 0 ? empty : targeting[key].map(labels[key]).join(", ");

  return (
    <>
      <SummaryRow label={t("campaigns.review.objective")}>
        {t(`campaigns.objectives.${settings.objective}.name`)}
      </SummaryRow>
      <SummaryRow label={t("campaigns.review.budget")}>{budgetLabel(settings.budget)}</SummaryRow>
      <SummaryRow label={t("campaigns.review.start")}>
        {schedule.startAt
          ? formatDateTime(schedule.startAt, locale, timeZone)
          : t("campaigns.schedule.startsOnApproval")}
      </SummaryRow>
      <SummaryRow label={t("campaigns.review.end")}>
        {schedule.endAt ? formatDateTime(schedule.endAt, locale, timeZone) : t("campaigns.schedule.noEnd")}
      </SummaryRow>
      <SummaryRow label={t("campaigns.review.dayparting")}>
        <DaypartingSummary dayparting={(schedule.dayparting ?? null) as Dayparting} />
      </SummaryRow>
      <SummaryRow label={t("campaigns.review.closures")}>
        {schedule.closures.length === 0 ? (
          t("campaigns.review.noClosures")
        ) : (
          <ul className="plain-list">
            {schedule.closures.map((closure) => {
              const days = closureFromApi(closure, timeZone);
              const day = (date: string) =>
                formatDate(startOfLocalDateIso(date, timeZone) ?? closure.from, locale, timeZone);
              return (
                <li key={`${closure.from}-${closure.reason}`}>
                  {closure.reason}:{" "}
                  {days.from === days.to ? day(days.from) : `${day(days.from)} – ${day(days.to)}`}
                </li>
              );
            })}
          </ul>
        )}
      </SummaryRow>
      <SummaryRow label={t("campaigns.review.bidding")}>{biddingLabel(settings.bidding)}</SummaryRow>
      <SummaryRow label={t("campaigns.review.pacing")}>
        {t(settings.pacing === "standard" ? "campaigns.pacing.standard" : "campaigns.pacing.accelerated")}
      </SummaryRow>
      <SummaryRow label={t("campaigns.review.audience")}>
        <ul className="plain-list">
          <li>
            {t("campaigns.audience.provinces")}: {list("provinces", t("campaigns.audience.allIndonesia"))}
          </li>
          {targeting.cities.length > 0 && (
            <li>
              {t("campaigns.audience.cities")}: {list("cities", "")}
            </li>
          )}
          <li>
            {t("campaigns.audience.ageBands")}: {list("ageBands", t("campaigns.audience.everyone"))}
          </li>
          <li>
            {t("campaigns.audience.genders")}: {list("genders", t("campaigns.audience.everyone"))}
          </li>
          <li>
            {t("campaigns.audience.interests")}: {list("interests", t("campaigns.audience.everyone"))}
          </li>
          <li>
            {t("campaigns.audience.devices")}: {list("devices", t("campaigns.audience.everyone"))}
          </li>
          <li>
            {t("campaigns.audience.languages")}: {list("languages", t("campaigns.audience.everyone"))}
          </li>
        </ul>
      </SummaryRow>
    </>
  );
}
