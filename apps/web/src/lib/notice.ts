import type { ParseKeys, TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";

/**
 * A one-time message ("Saved", "Submitted for review"), kept as message keys rather than text so
 * it follows a language switch while it shows.
 */
export type Notice = ReadonlyArray<{ key: ParseKeys; values?: Record<string, string> }>;

export function notice(key: ParseKeys, values?: Record<string, string>): Notice {
  return [{ key, ...(values ? { values } : {}) }];
}

/** Navigation state that hands a notice to the page navigated to; read it with useNotice. */
export function noticeState(notice: Notice): { notice: Notice } {
  return { notice };
}

export function noticeText(t: TFunction, notice: Notice): string {
  // The key is any message key, so TypeScript cannot pick one of t's overloads; each is a string.
  const translate = t as unknown as (key: ParseKeys, values: Record<string, string>) => string;
  return notice.map(({ key, values }) => translate(key, values ?? {})).join(" ");
}

function arrived(state: unknown): Notice | null {
  const value = (state as { notice?: unknown } | null)?.notice;
  return Array.isArray(value) && value.length > 0 ? (value as Notice) : null;
}

/**
 * The page's notice: the one handed over by the page before (noticeState), which the history entry
 * then forgets so a reload or coming back later does not show it again, or one set here.
 */
export function useNotice(): [text: string | null, set: (notice: Notice | null) => void] {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [current, setCurrent] = useState<Notice | null>(() => arrived(location.state));

  useEffect(() => {
    if (arrived(location.state) === null) return;
    navigate(
      { pathname: location.pathname, search: location.search, hash: location.hash },
      { replace: true, state: null },
    );
  }, [location, navigate]);

  return [current ? noticeText(t, current) : null, setCurrent];
}
