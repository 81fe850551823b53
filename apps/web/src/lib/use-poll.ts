import { useEffect, useRef } from "react";

/**
 * Calls `poll` every `intervalMs` while `active`, one call at a time (the next waits for the last
 * to finish), and aborts the call in flight when it stops. A failed call is simply tried again
 * at the next tick: polling is for news, and a blip in the connection is no news.
 */
export function usePoll(poll: (signal: AbortSignal) => Promise<void>, intervalMs: number, active: boolean) {
  const pollRef = useRef(poll);
  pollRef.current = poll;

  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        await pollRef.current(controller.signal);
      } catch {
        // Tried again at the next tick.
      }
      if (!controller.signal.aborted) timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, intervalMs);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [active, intervalMs]);
}
