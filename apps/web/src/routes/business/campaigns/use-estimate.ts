import { Estimate, type EstimateBody } from "@sorot/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { apiPath, apiRequest } from "../../../lib/api";
import { apiKey } from "../../../lib/queries";

export type EstimateState =
  | { status: "idle" }
  | { status: "loading"; previous: Estimate | null }
  | { status: "ready"; data: Estimate }
  | { status: "error"; error: unknown; previous: Estimate | null };

/** How long typing must pause before the estimate is asked for again. */
export const ESTIMATE_DEBOUNCE_MS = 400;

export function lastEstimate(state: EstimateState): Estimate | null {
  if (state.status === "ready") return state.data;
  if (state.status === "loading" || state.status === "error") return state.previous;
  return null;
}

/** `value`, once it has stayed the same for `delayMs`. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * The audience and worst-case estimate for the settings being edited, asked for once typing
 * pauses. Each body is its own cached answer, so an older answer never shows for a newer body;
 * the last answer stays on screen while the next is on its way.
 */
export function useEstimate(businessId: string, body: EstimateBody | null): EstimateState {
  // A string, so an equal body built anew on every render asks for nothing.
  const typed = body ? JSON.stringify(body) : null;
  const settled = useSettled(typed, ESTIMATE_DEBOUNCE_MS);
  const path = apiPath`/v1/businesses/${businessId}/campaigns/estimate`;
  const estimate = useQuery({
    queryKey: [...apiKey(path), settled],
    queryFn: ({ signal }) =>
      apiRequest("POST", path, { body: JSON.parse(settled ?? "null"), schema: Estimate, signal }),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
  });

  if (typed === null) return { status: "idle" };
  const previous = estimate.data ?? null;
  if (typed !== settled || estimate.isFetching) return { status: "loading", previous };
  if (estimate.isError) return { status: "error", error: estimate.error, previous };
  return previous ? { status: "ready", data: previous } : { status: "loading", previous };
}
