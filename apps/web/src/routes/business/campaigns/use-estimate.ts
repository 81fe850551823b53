import { Estimate, type EstimateBody } from "@sorot/contracts";
import { useEffect, useState } from "react";
import { apiPath, apiRequest } from "../../../lib/api";

export type EstimateState =
  | { status: "idle" }
  | { status: "loading"; previous: Estimate | null }
  | { status: "ready"; data: Estimate }
  | { status: "error"; error: unknown; previous: Estimate | null };

/** How long typing must pause before the estimate is asked for again. */
export const ESTIMATE_DEBOUNCE_MS = 400;

function lastEstimate(state: EstimateState): Estimate | null {
  if (state.status === "ready") return state.data;
  if (state.status === "loading" || state.status === "error") return state.previous;
  return null;
}

/**
 * The audience and worst-case estimate for the settings being edited, asked for once typing
 * pauses. A newer request cancels an older one, so an answer never overwrites a later one; the
 * last answer stays on screen while the next is on its way.
 */
export function useEstimate(businessId: string, body: EstimateBody | null): EstimateState {
  const [state, setState] = useState<EstimateState>({ status: "idle" });
  // A string, so an equal body built anew on every render asks for nothing.
  const key = body ? JSON.stringify(body) : null;

  useEffect(() => {
    if (key === null) {
      setState({ status: "idle" });
      return;
    }
    const controller = new AbortController();
    setState((current) => ({ status: "loading", previous: lastEstimate(current) }));
    const timer = setTimeout(() => {
      apiRequest("POST", apiPath`/v1/businesses/${businessId}/campaigns/estimate`, {
        body: JSON.parse(key),
        schema: Estimate,
        signal: controller.signal,
      }).then(
        (data) => setState({ status: "ready", data }),
        (error: unknown) => {
          if (!controller.signal.aborted)
            setState((current) => ({ status: "error", error, previous: lastEstimate(current) }));
        },
      );
    }, ESTIMATE_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [businessId, key]);

  return state;
}

export { lastEstimate };
