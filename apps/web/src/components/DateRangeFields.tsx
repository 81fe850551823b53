import { useState } from "react";
import { TextField } from "./Field";

/** The typed from and to dates of a range, and the error shown under the end date. */
export function useDateRange(initial: { from: string; to: string }) {
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [error, setError] = useState<string | undefined>();
  return { from, to, error, setFrom, setTo, setError };
}

/** A from and a to date input; the error sits on the end date, and editing that date clears it. */
export function DateRangeFields({
  range,
  fromLabel,
  toLabel,
  max,
}: {
  range: ReturnType<typeof useDateRange>;
  fromLabel: string;
  toLabel: string;
  max: string;
}) {
  return (
    <>
      <TextField
        label={fromLabel}
        type="date"
        name="from"
        max={max}
        value={range.from}
        onChange={(event) => range.setFrom(event.target.value)}
      />
      <TextField
        label={toLabel}
        type="date"
        name="to"
        max={max}
        value={range.to}
        error={range.error}
        onChange={(event) => {
          range.setTo(event.target.value);
          range.setError(undefined);
        }}
      />
    </>
  );
}
