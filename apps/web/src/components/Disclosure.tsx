import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useLocation } from "react-router";

interface DisclosureProps {
  /** What the toggle button shows. */
  summary: ReactNode;
  /** The button's accessible name when `summary` alone would not say enough. */
  label?: string;
  className?: string;
  children: ReactNode;
}

/**
 * A button that shows and hides a panel of links and actions (the disclosure pattern, simpler for
 * assistive technology than an ARIA menu). The panel closes on Escape, on a click or focus
 * elsewhere, and after navigation.
 */
export function Disclosure({ summary, label, className, children }: DisclosureProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const location = useLocation();

  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the reaction to any navigation
  useEffect(() => setOpen(false), [location]);

  useEffect(() => {
    if (!open) return;
    const closeIfOutside = (event: Event) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("pointerdown", closeIfOutside);
    document.addEventListener("focusin", closeIfOutside);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("pointerdown", closeIfOutside);
      document.removeEventListener("focusin", closeIfOutside);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [open]);

  return (
    <div className={["disclosure", className].filter(Boolean).join(" ")} ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="disclosure-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => setOpen((current) => !current)}
      >
        {summary}
        <span className="disclosure-caret" aria-hidden="true" />
      </button>
      <div className="disclosure-panel" id={panelId} hidden={!open}>
        {children}
      </div>
    </div>
  );
}
