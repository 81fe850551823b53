import { type FormEvent, type ReactNode, useId } from "react";
import { Button } from "./Button";

/** The filters above a list: its fields, an optional note under them, apply, and reset while any filter is on. */
export function FiltersForm({
  title,
  hint,
  applyLabel,
  resetLabel,
  active,
  onSubmit,
  onReset,
  children,
}: {
  title: string;
  hint?: string;
  applyLabel: string;
  resetLabel: string;
  active: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onReset: () => void;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <form className="card filters" aria-labelledby={titleId} noValidate onSubmit={onSubmit}>
      <h2 id={titleId} className="visually-hidden">
        {title}
      </h2>
      <div className="filters-fields">{children}</div>
      {hint && <p className="meta">{hint}</p>}
      <div className="filters-actions">
        <Button type="submit" variant="primary">
          {applyLabel}
        </Button>
        {active && <Button onClick={onReset}>{resetLabel}</Button>}
      </div>
    </form>
  );
}
