import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";

/** `aria-describedby` for a control: its error first (what to act on), then its hint. */
function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

export interface ChipOption<V extends string = string> {
  value: V;
  label: string;
}

interface ChipsFieldProps<V extends string> {
  legend: string;
  hint?: string;
  error?: string;
  options: readonly ChipOption<V>[];
  selected: readonly V[];
  onChange: (next: V[]) => void;
  disabled?: boolean;
}

/**
 * Several choices, each a checkbox that looks like a chip: a fieldset and its legend tell screen
 * readers what the choices are for, and the chips wrap to fit a phone.
 */
export function ChipsField<V extends string>({
  legend,
  hint,
  error,
  options,
  selected,
  onChange,
  disabled,
}: ChipsFieldProps<V>) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      className="field chips-field"
      aria-describedby={describedBy(errorId, hintId)}
      disabled={disabled}
    >
      <legend className="field-label">{legend}</legend>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="chip-options">
        {options.map((option) => {
          const checked = selected.includes(option.value);
          return (
            <ChipCheckbox
              key={option.value}
              label={option.label}
              checked={checked}
              invalid={Boolean(error)}
              onToggle={() =>
                onChange(
                  checked
                    ? selected.filter((value) => value !== option.value)
                    : // Kept in the options' order, so the request and summaries read the same every time.
                      options
                        .map((each) => each.value)
                        .filter((value) => value === option.value || selected.includes(value)),
                )
              }
            />
          );
        })}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** One choice of a chips group: a checkbox that looks like a chip. */
function ChipCheckbox({
  label,
  checked,
  invalid,
  onToggle,
}: {
  label: string;
  checked: boolean;
  invalid: boolean;
  onToggle: () => void;
}) {
  return (
    <label className="chip-option">
      <input
        type="checkbox"
        checked={checked}
        aria-invalid={invalid ? true : undefined}
        onChange={onToggle}
      />
      <span>{label}</span>
    </label>
  );
}

interface CountedFieldProps {
  label: string;
  value: string;
  max: number;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  placeholder?: string;
  multiline?: boolean;
  name: string;
}

/**
 * A text field with a live "12/40" counter under it. Nothing is cut off at the limit (a paste
 * keeps every character); the counter turns red and says how much is over instead.
 */
export function CountedField({
  label,
  value,
  max,
  onChange,
  error,
  hint,
  placeholder,
  multiline = false,
  name,
}: CountedFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  // As the API counts: UTF-16 units of the trimmed text.
  const length = value.trim().length;
  const over = length - max;
  const counterId = `${id}-counter`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const controlProps = {
    id,
    name,
    className: "input",
    value,
    placeholder,
    "aria-invalid": error || over > 0 ? true : undefined,
    "aria-describedby": describedBy(errorId, hintId, counterId),
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea rows={3} {...controlProps} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input type="text" {...controlProps} onChange={(event) => onChange(event.target.value)} />
      )}
      <p className={over > 0 ? "char-counter is-over" : "char-counter"} id={counterId}>
        {over > 0
          ? t("campaigns.ad.counterOver", { n: length, max, over })
          : t("campaigns.ad.counter", { n: length, max })}
      </p>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A titled group of fields inside a step: a section with a heading. */
export function FieldGroup({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section className="field-group" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <div className="stack">{children}</div>
    </section>
  );
}
