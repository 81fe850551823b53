import type { WorstCase } from "@sorot/contracts";
import { cityByCode } from "@sorot/core";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { Spinner } from "../../../components/Spinner";
import { formatMoney } from "../../../lib/format";
import { type EstimateState, lastEstimate } from "./use-estimate";

type WorstCaseValue = z.output<typeof WorstCase>;

const peopleFormat = new Intl.NumberFormat("id-ID");

/** `1234567` -> `1.234.567`: counts of people in Indonesian digit grouping, as money is shown. */
export function formatPeople(count: number): string {
  return peopleFormat.format(count);
}

/**
 * The most the campaign can charge, in plain words and exact rupiah from the API's worst case,
 * with the promise that the budget is a hard cap.
 */
export function WorstCasePanel({
  worstCase,
  loading = false,
}: {
  worstCase: WorstCaseValue | null;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel worst-case" aria-labelledby="worst-case-title" aria-busy={loading || undefined}>
      <h3 id="worst-case-title">
        {t("campaigns.worstCase.title")}
        {loading && (
          <span className="panel-updating">
            <Spinner />
            <span className="visually-hidden">{t("campaigns.worstCase.updating")}</span>
          </span>
        )}
      </h3>
      {worstCase ? (
        <>
          <p className="worst-case-sentence" aria-live="polite">
            {worstCase.totalMicros === null
              ? t("campaigns.worstCase.sentenceNoTotal", {
                  today: formatMoney(worstCase.todayMicros),
                  week: formatMoney(worstCase.next7DaysMicros),
                })
              : t("campaigns.worstCase.sentence", {
                  today: formatMoney(worstCase.todayMicros),
                  week: formatMoney(worstCase.next7DaysMicros),
                  total: formatMoney(worstCase.totalMicros),
                })}
          </p>
          <dl className="worst-case-figures">
            <div>
              <dt>{t("campaigns.worstCase.today")}</dt>
              <dd>{formatMoney(worstCase.todayMicros)}</dd>
            </div>
            <div>
              <dt>{t("campaigns.worstCase.week")}</dt>
              <dd>{formatMoney(worstCase.next7DaysMicros)}</dd>
            </div>
            <div>
              <dt>{t("campaigns.worstCase.total")}</dt>
              <dd>
                {worstCase.totalMicros === null
                  ? t("campaigns.worstCase.noTotal")
                  : formatMoney(worstCase.totalMicros)}
              </dd>
            </div>
          </dl>
        </>
      ) : (
        <p className="field-hint">{t("campaigns.worstCase.unavailable")}</p>
      )}
      <p className="worst-case-cap">{t("campaigns.worstCase.hardCap")}</p>
    </section>
  );
}

/** Audience size and daily reach from the live estimate. */
export function AudienceEstimatePanel({ state }: { state: EstimateState }) {
  const { t } = useTranslation();
  const estimate = lastEstimate(state);
  const loading = state.status === "loading";
  return (
    <section className="panel" aria-labelledby="estimate-title" aria-busy={loading || undefined}>
      <h3 id="estimate-title">
        {t("campaigns.estimate.title")}
        {loading && (
          <span className="panel-updating">
            <Spinner />
            <span className="visually-hidden">{t("campaigns.estimate.updating")}</span>
          </span>
        )}
      </h3>
      {estimate?.availability === "not_available" ? (
        <div aria-live="polite">
          <p className="estimate-unavailable">{t("campaigns.estimate.notAvailable")}</p>
          <p className="field-hint">
            {t("campaigns.estimate.notAvailableCities", {
              cities: estimate.citiesWithoutFigure.map((code) => cityByCode(code)?.name ?? code).join(", "),
            })}
          </p>
        </div>
      ) : estimate ? (
        <dl className="estimate-figures" aria-live="polite">
          <div>
            <dt>{t("campaigns.estimate.population")}</dt>
            <dd>
              {t("campaigns.estimate.people", {
                low: formatPeople(estimate.populationLow),
                high: formatPeople(estimate.populationHigh),
              })}
            </dd>
          </div>
          <div>
            <dt>{t("campaigns.estimate.dailyReach")}</dt>
            <dd>
              {t("campaigns.estimate.people", {
                low: formatPeople(estimate.dailyReachLow),
                high: formatPeople(estimate.dailyReachHigh),
              })}
            </dd>
          </div>
        </dl>
      ) : (
        state.status !== "loading" && <p className="field-hint">{t("campaigns.estimate.failed")}</p>
      )}
      <p className="field-hint">{t("campaigns.estimate.note")}</p>
    </section>
  );
}

/** The worst case from the live estimate, for the budget step. */
export function LiveWorstCase({ state }: { state: EstimateState }) {
  return (
    <WorstCasePanel worstCase={lastEstimate(state)?.worstCase ?? null} loading={state.status === "loading"} />
  );
}
