import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "./Button";

interface CopyFieldProps {
  label: string;
  value: string;
  /** What to say once copied; "Link copied." by default. */
  copiedMessage?: string;
  /** A monospaced, larger value that is read out digit by digit, such as a virtual account number. */
  emphasis?: boolean;
}

/** A read-only value with a copy button, for links and numbers people must pass on by hand. */
export function CopyField({ label, value, copiedMessage, emphasis = false }: CopyFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<"copied" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome("copied");
    } catch {
      // The clipboard needs a secure context and permission; selecting the text lets the user copy it.
      inputRef.current?.select();
      setOutcome("failed");
    }
  }

  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className={emphasis ? "copy-field copy-field-emphasis" : "copy-field"}>
        <input
          ref={inputRef}
          id={id}
          className="input"
          value={value}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button variant="primary" onClick={copy}>
          {t("common.copy")}
        </Button>
      </div>
      <p className="field-hint" role="status">
        {outcome === "copied" && (copiedMessage ?? t("common.copied"))}
        {outcome === "failed" && t("common.copyFailed")}
      </p>
    </div>
  );
}
