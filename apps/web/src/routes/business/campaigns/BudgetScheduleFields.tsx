import {
  formatRupiah,
  MIN_CPC_BID_MICROS,
  MIN_CPM_BID_MICROS,
  MIN_DAILY_BUDGET_MICROS,
  type TimeZone,
  WEEKDAYS,
  type Weekday,
} from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";
import { ChoiceField, TextField } from "../../../components/Field";
import { TIME_ZONE_ABBREVIATIONS } from "../../../lib/format";
import { formatRupiahDigits, parseRupiah } from "../../../lib/money";
import type { CampaignDraft, DraftErrors } from "./draft";
import { FieldGroup } from "./fields";
import {
  ALL_HOURS,
  businessHoursDayparting,
  clockLabel,
  type Dayparting,
  daypartingPreset,
  durationDays,
  endAfterDays,
  isHourOn,
  nowLocalInput,
  setDay,
  toggleHour,
  weeklyHours,
} from "./schedule";

const QUICK_PICKS = [20_000n, 50_000n, 100_000n] as const;

export interface DraftFieldsProps {
  draft: CampaignDraft;
  onChange: (patch: Partial<CampaignDraft>) => void;
  errors: DraftErrors;
  timeZone: TimeZone;
  /** After submission the budget type, start and bidding stay as reviewed. */
  submitted?: boolean;
}

/** Budget, schedule, bidding and pacing: the builder's second step, and the same fields when editing. */
export function BudgetScheduleFields(props: DraftFieldsProps) {
  return (
    <div className="stack stack-loose">
      <BudgetGroup {...props} />
      <ScheduleGroup {...props} />
      <BiddingGroup {...props} />
      <PacingGroup {...props} />
    </div>
  );
}

function BudgetGroup(props: DraftFieldsProps) {
  const { t } = useTranslation();
  return (
    <FieldGroup title={t("campaigns.budget.title")} id="budget-group">
      <BudgetTypeField {...props} />
      <BudgetAmountField {...props} />
    </FieldGroup>
  );
}

/** Daily or lifetime: the quick path keeps daily and offers the choice among the advanced settings. */
export function BudgetTypeField({ draft, onChange, submitted = false }: DraftFieldsProps) {
  const { t } = useTranslation();
  return (
    <ChoiceField
      label={t("campaigns.budget.type")}
      hint={submitted ? t("campaigns.budget.typeLocked") : undefined}
      name="budgetType"
      value={draft.budgetType}
      disabled={submitted}
      onChange={(event) => onChange({ budgetType: event.target.value as CampaignDraft["budgetType"] })}
      choices={[
        {
          value: "daily",
          label: t("campaigns.budget.daily"),
          description: t("campaigns.budget.dailyDescription"),
        },
        {
          value: "lifetime",
          label: t("campaigns.budget.lifetime"),
          description: t("campaigns.budget.lifetimeDescription"),
        },
      ]}
    />
  );
}

export function BudgetAmountField({ draft, onChange, errors }: DraftFieldsProps) {
  const { t } = useTranslation();
  const typed = parseRupiah(draft.amount);
  return (
    <div className="stack stack-tight">
      <TextField
        label={t("campaigns.budget.amount")}
        hint={t(
          draft.budgetType === "daily"
            ? "campaigns.budget.amountDailyHint"
            : "campaigns.budget.amountLifetimeHint",
          { min: formatRupiah(MIN_DAILY_BUDGET_MICROS) },
        )}
        name="budget.amountMicros"
        inputMode="numeric"
        autoComplete="off"
        placeholder="50.000"
        value={draft.amount}
        error={errors["budget.amountMicros"]}
        onChange={(event) => onChange({ amount: event.target.value })}
      />
      <fieldset className="quick-pick-chips">
        <legend className="visually-hidden">{t("campaigns.budget.quickPicks")}</legend>
        {QUICK_PICKS.map((pick) => (
          <button
            key={pick.toString()}
            type="button"
            className="toggle-chip"
            aria-pressed={typed === pick}
            onClick={() => onChange({ amount: formatRupiahDigits(pick) })}
          >
            Rp {formatRupiahDigits(pick)}
          </button>
        ))}
      </fieldset>
    </div>
  );
}

const DURATIONS = [7, 14, 30] as const;

/**
 * How long the ad runs, in days or until stopped: the quick path's schedule. It sets the end from the
 * start (now, unless an advanced setting moved it); an end typed by hand presses no chip.
 */
export function DurationField({ draft, onChange, errors, timeZone }: DraftFieldsProps) {
  const { t } = useTranslation();
  const start = draft.startAt || nowLocalInput(timeZone);
  const days = durationDays(start, draft.endAt);
  return (
    <fieldset className="field" aria-describedby={errors["schedule.endAt"] ? "duration-error" : undefined}>
      <legend className="field-label">{t("campaigns.schedule.duration")}</legend>
      <div className="quick-pick-chips">
        {DURATIONS.map((count) => (
          <button
            key={count}
            type="button"
            className="toggle-chip"
            aria-pressed={days === count}
            onClick={() => onChange({ startAt: start, endAt: endAfterDays(start, count) })}
          >
            {t("campaigns.schedule.days", { count })}
          </button>
        ))}
        {draft.budgetType === "daily" && (
          <button
            type="button"
            className="toggle-chip"
            aria-pressed={draft.endAt === ""}
            onClick={() => onChange({ endAt: "" })}
          >
            {t("campaigns.schedule.untilStopped")}
          </button>
        )}
      </div>
      {errors["schedule.endAt"] && (
        <p className="field-error" id="duration-error">
          {errors["schedule.endAt"]}
        </p>
      )}
    </fieldset>
  );
}

export function ScheduleGroup({ draft, onChange, errors, timeZone, submitted = false }: DraftFieldsProps) {
  const { t } = useTranslation();
  const zone = TIME_ZONE_ABBREVIATIONS[timeZone];
  return (
    <FieldGroup title={t("campaigns.schedule.title")} id="schedule-group">
      <div className="field-row">
        <TextField
          label={t("campaigns.schedule.start", { zone })}
          hint={submitted ? t("campaigns.schedule.startLocked") : t("campaigns.schedule.startHint")}
          type="datetime-local"
          name="schedule.startAt"
          value={draft.startAt}
          disabled={submitted}
          error={errors["schedule.startAt"]}
          onChange={(event) => onChange({ startAt: event.target.value })}
        />
        <div className="stack stack-tight">
          <TextField
            label={t(
              draft.budgetType === "lifetime"
                ? "campaigns.schedule.endRequiredLabel"
                : "campaigns.schedule.end",
              { zone },
            )}
            hint={
              draft.budgetType === "lifetime"
                ? t("campaigns.schedule.endLifetimeHint")
                : t("campaigns.schedule.endHint")
            }
            type="datetime-local"
            name="schedule.endAt"
            min={nowLocalInput(timeZone)}
            value={draft.endAt}
            error={errors["schedule.endAt"]}
            onChange={(event) => onChange({ endAt: event.target.value })}
          />
          {draft.endAt && draft.budgetType === "daily" && (
            <Button variant="ghost" className="button-small" onClick={() => onChange({ endAt: "" })}>
              {t("campaigns.schedule.clearEnd")}
            </Button>
          )}
        </div>
      </div>
      <DaypartingField
        value={draft.dayparting}
        onChange={(dayparting) => onChange({ dayparting })}
        error={errors["schedule.dayparting"]}
        zone={zone}
      />
      <ClosuresField draft={draft} onChange={onChange} errors={errors} />
    </FieldGroup>
  );
}

export function BiddingGroup({ draft, onChange, errors, submitted = false }: DraftFieldsProps) {
  const { t } = useTranslation();
  const minBid = draft.billingEvent === "cpm" ? MIN_CPM_BID_MICROS : MIN_CPC_BID_MICROS;
  const bidLabelKey =
    draft.bidStrategy === "manual"
      ? draft.billingEvent === "cpm"
        ? "campaigns.bidding.bidCpm"
        : "campaigns.bidding.bidCpc"
      : draft.billingEvent === "cpm"
        ? "campaigns.bidding.capCpm"
        : "campaigns.bidding.capCpc";
  return (
    <FieldGroup title={t("campaigns.bidding.title")} id="bidding-group">
      {submitted && <p className="field-hint">{t("campaigns.bidding.lockedAfterSubmit")}</p>}
      <ChoiceField
        label={t("campaigns.bidding.strategy")}
        name="bidStrategy"
        value={draft.bidStrategy}
        disabled={submitted}
        onChange={(event) => onChange({ bidStrategy: event.target.value as CampaignDraft["bidStrategy"] })}
        choices={[
          {
            value: "lowest_cost",
            label: t("campaigns.bidding.lowestCost"),
            description: t("campaigns.bidding.lowestCostDescription"),
          },
          {
            value: "manual",
            label: t("campaigns.bidding.manual"),
            description: t("campaigns.bidding.manualDescription"),
          },
        ]}
      />
      <ChoiceField
        label={t("campaigns.bidding.billingEvent")}
        name="billingEvent"
        value={draft.billingEvent}
        disabled={submitted}
        onChange={(event) => onChange({ billingEvent: event.target.value as CampaignDraft["billingEvent"] })}
        choices={[
          {
            value: "cpm",
            label: t("campaigns.bidding.cpm"),
            description: t("campaigns.bidding.cpmDescription"),
          },
          {
            value: "cpc",
            label: t("campaigns.bidding.cpc"),
            description: t("campaigns.bidding.cpcDescription"),
          },
        ]}
      />
      <TextField
        label={t(bidLabelKey)}
        hint={
          draft.bidStrategy === "manual"
            ? t("campaigns.bidding.bidHint", { min: formatRupiah(minBid) })
            : t("campaigns.bidding.capHint", { min: formatRupiah(minBid) })
        }
        name="bidding.bidMicros"
        inputMode="numeric"
        autoComplete="off"
        disabled={submitted}
        value={draft.bid}
        error={errors["bidding.bidMicros"]}
        onChange={(event) => onChange({ bid: event.target.value })}
      />
    </FieldGroup>
  );
}

export function PacingGroup({ draft, onChange, errors }: DraftFieldsProps) {
  const { t } = useTranslation();
  return (
    <FieldGroup title={t("campaigns.pacing.title")} id="pacing-group">
      <ChoiceField
        label={t("campaigns.pacing.legend")}
        name="pacing"
        value={draft.pacing}
        error={errors.pacing}
        onChange={(event) => onChange({ pacing: event.target.value as CampaignDraft["pacing"] })}
        choices={[
          {
            value: "standard",
            label: t("campaigns.pacing.standard"),
            description: t("campaigns.pacing.standardDescription"),
          },
          {
            value: "accelerated",
            label: t("campaigns.pacing.accelerated"),
            description: t("campaigns.pacing.acceleratedDescription"),
          },
        ]}
      />
    </FieldGroup>
  );
}

interface DaypartingFieldProps {
  value: Dayparting;
  onChange: (value: Dayparting) => void;
  error?: string;
  zone: string;
}

function DaypartingField({ value, onChange, error, zone }: DaypartingFieldProps) {
  const { t } = useTranslation();
  const matching = daypartingPreset(value);
  // "Choose hours" stays chosen while its hours happen to equal a preset.
  const [customChosen, setCustomChosen] = useState(matching === "custom");
  const preset = customChosen ? "custom" : matching;

  return (
    <div className="stack stack-tight">
      <ChoiceField
        label={t("campaigns.schedule.dayparting")}
        hint={t("campaigns.schedule.daypartingHint", { zone })}
        name="dayparting"
        value={preset}
        error={error}
        onChange={(event) => {
          const next = event.target.value;
          setCustomChosen(next === "custom");
          if (next === "all_day") onChange(null);
          else if (next === "business_hours") onChange(businessHoursDayparting());
          // Own hours start from business hours, the likeliest thing to adjust.
          else if (value === null) onChange(businessHoursDayparting());
        }}
        choices={[
          { value: "all_day", label: t("campaigns.schedule.presets.all_day") },
          { value: "business_hours", label: t("campaigns.schedule.presets.business_hours") },
          { value: "custom", label: t("campaigns.schedule.presets.custom") },
        ]}
      />
      {preset === "custom" && <DaypartingGrid value={value} onChange={onChange} />}
      <p className="field-hint">{t("campaigns.schedule.hoursPerWeek", { hours: weeklyHours(value) })}</p>
    </div>
  );
}

/** A 24 (hours) × 7 (days) table of toggle buttons; a day's heading switches the whole day. */
function DaypartingGrid({ value, onChange }: { value: Dayparting; onChange: (value: Dayparting) => void }) {
  const { t } = useTranslation();
  const dayOn = (day: Weekday) => ALL_HOURS.some((hour) => isHourOn(value, day, hour));
  return (
    <div className="daypart-scroll">
      <table className="daypart-grid">
        <caption className="field-hint">{t("campaigns.schedule.gridCaption")}</caption>
        <thead>
          <tr>
            <td />
            {WEEKDAYS.map((day) => (
              <th key={day} scope="col">
                <button
                  type="button"
                  className="daypart-day"
                  aria-label={t("campaigns.schedule.dayToggle", { day: t(`campaigns.weekdays.${day}`) })}
                  onClick={() => onChange(setDay(value, day, !dayOn(day)))}
                >
                  {t(`campaigns.weekdaysShort.${day}`)}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ALL_HOURS.map((hour) => (
            <tr key={hour}>
              <th scope="row">{clockLabel(hour)}</th>
              {WEEKDAYS.map((day) => (
                <td key={day}>
                  <button
                    type="button"
                    className="daypart-cell"
                    aria-pressed={isHourOn(value, day, hour)}
                    aria-label={t("campaigns.schedule.hourCell", {
                      day: t(`campaigns.weekdays.${day}`),
                      from: clockLabel(hour),
                      to: clockLabel((hour + 1) % 24),
                    })}
                    onClick={() => onChange(toggleHour(value, day, hour))}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ClosuresField({ draft, onChange, errors }: Pick<DraftFieldsProps, "draft" | "onChange" | "errors">) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<CampaignDraft["closures"][number]>) =>
    onChange({
      closures: draft.closures.map((closure, each) => (each === index ? { ...closure, ...patch } : closure)),
    });

  return (
    <fieldset className="field closures-field">
      <legend className="field-label">{t("campaigns.schedule.closures")}</legend>
      <p className="field-hint">{t("campaigns.schedule.closuresHint")}</p>
      {draft.closures.length > 0 && (
        <ol className="closure-list">
          {draft.closures.map((closure, index) => {
            const path = `schedule.closures.${index}`;
            return (
              <li key={closure.key} className="closure-row">
                <fieldset className="closure-fields">
                  <legend className="visually-hidden">
                    {t("campaigns.schedule.closureLabel", { number: index + 1 })}
                  </legend>
                  <TextField
                    label={t("campaigns.schedule.closureFrom")}
                    type="date"
                    value={closure.from}
                    error={errors[`${path}.from`]}
                    onChange={(event) =>
                      update(index, {
                        from: event.target.value,
                        to: closure.to || event.target.value,
                      })
                    }
                  />
                  <TextField
                    label={t("campaigns.schedule.closureTo")}
                    type="date"
                    min={closure.from || undefined}
                    value={closure.to}
                    error={errors[`${path}.to`]}
                    onChange={(event) => update(index, { to: event.target.value })}
                  />
                  <TextField
                    label={t("campaigns.schedule.closureReason")}
                    placeholder={t("campaigns.schedule.closureReasonPlaceholder")}
                    maxLength={100}
                    value={closure.reason}
                    error={errors[`${path}.reason`]}
                    onChange={(event) => update(index, { reason: event.target.value })}
                  />
                </fieldset>
                <Button
                  variant="ghost"
                  className="button-small"
                  aria-label={t("campaigns.schedule.removeClosure", {
                    reason: closure.reason || String(index + 1),
                  })}
                  onClick={() => onChange({ closures: draft.closures.filter((_, each) => each !== index) })}
                >
                  ✕
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      {draft.closures.length < 20 && (
        <div>
          <Button
            onClick={() =>
              onChange({
                closures: [...draft.closures, { key: crypto.randomUUID(), from: "", to: "", reason: "" }],
              })
            }
          >
            {t("campaigns.schedule.addClosure")}
          </Button>
        </div>
      )}
    </fieldset>
  );
}
