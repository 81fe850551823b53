import { type ComponentProps, type InputHTMLAttributes, type ReactNode, useId } from "react";

interface FieldFrameProps {
  label: string;
  hint?: string;
  error?: string;
}

/**
 * Ids tying a control to its hint and error, so screen readers read both with the label. The
 * error comes first: it is what the user must act on.
 */
function useFieldIds({ hint, error }: Omit<FieldFrameProps, "label">) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error && errorId, hint && hintId].filter(Boolean).join(" ") || undefined;
  return {
    id,
    hintId,
    errorId,
    controlProps: { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy },
  };
}

function FieldHint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p className="field-hint" id={id}>
      {hint}
    </p>
  ) : null;
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="field-error" id={id}>
      {error}
    </p>
  ) : null;
}

type TextFieldProps = FieldFrameProps & Omit<ComponentProps<"input">, "id">;

export function TextField({ label, hint, error, ...inputProps }: TextFieldProps) {
  const { id, hintId, errorId, controlProps } = useFieldIds({ hint, error });
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <FieldHint id={hintId} hint={hint} />
      <input className="input" {...inputProps} {...controlProps} />
      <FieldError id={errorId} error={error} />
    </div>
  );
}

type TextAreaFieldProps = FieldFrameProps & Omit<ComponentProps<"textarea">, "id">;

export function TextAreaField({ label, hint, error, ...textAreaProps }: TextAreaFieldProps) {
  const { id, hintId, errorId, controlProps } = useFieldIds({ hint, error });
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <FieldHint id={hintId} hint={hint} />
      <textarea className="input" rows={3} {...textAreaProps} {...controlProps} />
      <FieldError id={errorId} error={error} />
    </div>
  );
}

type SelectFieldProps<V extends string> = FieldFrameProps &
  Omit<ComponentProps<"select">, "id" | "children"> & {
    choices: readonly Choice<V>[];
    /** A first, empty option such as "Choose a bank", for when there is no sensible default. */
    placeholder?: string;
  };

/** A drop-down, for choices too many to show as radio buttons (a list of banks, say). */
export function SelectField<V extends string>({
  label,
  hint,
  error,
  choices,
  placeholder,
  ...selectProps
}: SelectFieldProps<V>) {
  const { id, hintId, errorId, controlProps } = useFieldIds({ hint, error });
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <FieldHint id={hintId} hint={hint} />
      <select className="input" {...selectProps} {...controlProps}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} error={error} />
    </div>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
  description?: ReactNode;
}

interface ChoiceFieldProps<V extends string> extends FieldFrameProps {
  name: string;
  value: string;
  choices: readonly Choice<V>[];
  onChange: InputHTMLAttributes<HTMLInputElement>["onChange"];
  disabled?: boolean;
}

/** Radio buttons in a fieldset: every option visible at once, which suits a handful of choices on a phone. */
export function ChoiceField<V extends string>({
  label,
  hint,
  error,
  name,
  value,
  choices,
  onChange,
  disabled,
}: ChoiceFieldProps<V>) {
  const { id, hintId, errorId, controlProps } = useFieldIds({ hint, error });
  return (
    <fieldset
      className="field choice-field"
      aria-describedby={controlProps["aria-describedby"]}
      disabled={disabled}
    >
      <legend className="field-label">{label}</legend>
      <FieldHint id={hintId} hint={hint} />
      {choices.map((choice) => {
        const choiceId = `${id}-${choice.value}`;
        return (
          <div className="choice" key={choice.value}>
            <input
              type="radio"
              id={choiceId}
              name={name}
              value={choice.value}
              checked={value === choice.value}
              onChange={onChange}
              aria-invalid={controlProps["aria-invalid"]}
              aria-describedby={choice.description ? `${choiceId}-description` : undefined}
            />
            <label htmlFor={choiceId}>
              <span className="choice-label">{choice.label}</span>
              {choice.description && (
                <span className="choice-description" id={`${choiceId}-description`}>
                  {choice.description}
                </span>
              )}
            </label>
          </div>
        );
      })}
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}
