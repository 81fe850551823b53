import type { ReactNode } from "react";

interface AlertProps {
  tone: "error" | "success" | "info" | "warning";
  title?: string;
  children?: ReactNode;
  /** Errors interrupt screen readers (role="alert"); other tones wait their turn (role="status"). */
  focusable?: boolean;
}

export function Alert({ tone, title, children, focusable = false }: AlertProps) {
  return (
    <div
      className={`alert alert-${tone}`}
      role={tone === "error" ? "alert" : "status"}
      tabIndex={focusable ? -1 : undefined}
    >
      {title && <p className="alert-title">{title}</p>}
      {children}
    </div>
  );
}
