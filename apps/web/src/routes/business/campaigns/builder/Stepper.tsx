import { useTranslation } from "react-i18next";
import { STEPS } from "../campaign-form";

interface StepperProps {
  step: number;
  /** The furthest step visited: steps up to it may be revisited directly. */
  reached: number;
  disabled: boolean;
  stepName: (index: number) => string;
  onGoTo: (index: number) => void;
}

/** The builder's progress, each visited step a button back to it. */
export function Stepper({ step, reached, disabled, stepName, onGoTo }: StepperProps) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("campaigns.builder.progress")}>
      <ol className="stepper">
        {STEPS.map((name, index) => {
          const state = index === step ? "is-current" : index < reached || index < step ? "is-done" : "";
          return (
            <li key={name} className={state}>
              <button
                type="button"
                className="stepper-step"
                aria-current={index === step ? "step" : undefined}
                disabled={index > reached || disabled}
                onClick={() => onGoTo(index)}
              >
                <span className="stepper-number" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="visually-hidden">
                  {t("campaigns.builder.goToStep", { number: index + 1 })}{" "}
                </span>
                <span className="stepper-name">{stepName(index)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
