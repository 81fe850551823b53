import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";
import { errorMessage } from "../../../lib/errors";
import type { DecisionProblem } from "./review-logic";
import type { Busy } from "./use-review-desk";

const PROBLEM_KEYS = {
  stale: "reviews.problems.stale",
  claimed: "reviews.problems.claimed",
  decided: "reviews.problems.decided",
  self: "reviews.problems.self",
  ownAppeal: "reviews.problems.ownAppeal",
} as const satisfies Record<Exclude<DecisionProblem, "other">, string>;

interface DecisionProblemAlertProps {
  ref: Ref<HTMLDivElement>;
  problem: { kind: DecisionProblem; error: unknown };
  onReload: () => void;
  onSkip: () => void;
}

/** Why the decision was refused, with the way on: read the ad again, or move to the next one. */
export function DecisionProblemAlert({ ref, problem, onReload, onSkip }: DecisionProblemAlertProps) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p>{problem.kind === "other" ? errorMessage(problem.error, t) : t(PROBLEM_KEYS[problem.kind])}</p>
      <div className="inline-actions">
        {problem.kind === "stale" || problem.kind === "other" ? (
          <Button onClick={onReload}>{t("reviews.claim.reload")}</Button>
        ) : null}
        {problem.kind !== "stale" && <Button onClick={onSkip}>{t("reviews.decision.next")}</Button>}
      </div>
    </div>
  );
}

const SHORTCUTS = [
  ["a", "reviews.decision.shortcutApprove"],
  ["r", "reviews.decision.shortcutReject"],
  ["n", "reviews.decision.shortcutNext"],
] as const;

interface DecisionCardProps {
  canDecide: boolean;
  busy: Busy;
  onApprove: () => void;
  onReject: () => void;
  onSkip: () => void;
}

/** Approve, reject and next, with their keyboard shortcuts spelled out. */
export function DecisionCard({ canDecide, busy, onApprove, onReject, onSkip }: DecisionCardProps) {
  const { t } = useTranslation();
  return (
    <section className="card review-decision" aria-labelledby="review-decision-title">
      <h2 id="review-decision-title">{t("reviews.decision.title")}</h2>
      <div className="review-decision-buttons">
        <Button
          variant="primary"
          onClick={onApprove}
          disabled={!canDecide || (busy !== null && busy !== "approve")}
          busy={busy === "approve"}
          busyLabel={t("reviews.decision.approving")}
          aria-keyshortcuts="a"
        >
          {t("reviews.decision.approve")}
        </Button>
        <Button
          variant="danger"
          onClick={onReject}
          disabled={!canDecide || busy !== null}
          aria-keyshortcuts="r"
        >
          {t("reviews.decision.reject")}
        </Button>
        <Button onClick={onSkip} busy={busy === "next"} disabled={busy !== null} aria-keyshortcuts="n">
          {t("reviews.decision.next")}
        </Button>
      </div>
      <h3 className="shortcut-title">{t("reviews.decision.shortcuts")}</h3>
      <dl className="shortcut-list">
        {SHORTCUTS.map(([key, label]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <p className="meta">{t("reviews.decision.shortcutsHint")}</p>
    </section>
  );
}
