import { page, type ReviewItem, ReviewQueueItem } from "@sorot/contracts";
import type { RejectionReasonCode } from "@sorot/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { z } from "zod";
import { apiRequest } from "../../../lib/api";
import { errorMessage } from "../../../lib/errors";
import { type Notice, notice, noticeState, noticeText } from "../../../lib/notice";
import { apiQuery } from "../../../lib/queries";
import { useStale } from "../../../lib/stale";
import { REVIEW_QUEUE_API, reviewItemApiPath, reviewPath, reviewQueuePath } from "./paths";
import {
  type DecisionProblem,
  decisionProblem,
  pickNext,
  rememberSkipped,
  type Shortcut,
  shortcutOf,
  skippedAds,
} from "./review-logic";

const DecisionResult = z.object({ reviewId: z.string(), decision: z.enum(["approve", "reject"]) });
const QueuePage = page(ReviewQueueItem);
/** How much of the queue "next" looks through for an ad nobody else holds. */
const NEXT_LOOKAHEAD = 50;

/** The clock, ticking every `intervalMs`: enough to see a claim run out without a render per second. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The a / r / n keys, listened to once; `handlers` may change on every render. */
export function useReviewShortcuts(handlers: Record<Shortcut, () => void>): void {
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  useEffect(() => {
    function handleKey(event: KeyboardEvent) {
      // A dialog (the reason picker, or any other) has the keyboard to itself.
      if (document.querySelector("dialog[open]")) return;
      const shortcut = shortcutOf(event);
      if (!shortcut) return;
      event.preventDefault();
      handlersRef.current[shortcut]();
    }
    document.addEventListener("keydown", handleKey);
    return () => document.removeEventListener("keydown", handleKey);
  }, []);
}

interface NextAdOptions {
  adId: string;
  myId: string;
  search: string;
  onAnnounce: (message: string) => void;
}

/** Opens the oldest ad nobody else holds, or goes back to the queue when none is left. */
function useGoNext({ adId, myId, search, onAnnounce }: NextAdOptions) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  return async (decided: Notice | null) => {
    const query = new URLSearchParams(search);
    query.set("status", "pending");
    query.set("limit", String(NEXT_LOOKAHEAD));
    let next: z.infer<typeof ReviewQueueItem> | null = null;
    try {
      // Always fresh: who holds which ad changes by the minute.
      const queue = await client.fetchQuery({
        ...apiQuery(`${REVIEW_QUEUE_API}?${query}`, QueuePage),
        staleTime: 0,
      });
      next = pickNext(queue.items, adId, myId, skippedAds());
    } catch {
      // The queue page will say what is wrong with the queue; the decision itself is done.
    }
    const said = decided ?? [];
    if (next) {
      onAnnounce(noticeText(t, [...said, ...notice("reviews.decision.nextOpened", { name: next.adName })]));
      navigate(reviewPath(next.adId, search));
    } else {
      onAnnounce("");
      navigate(reviewQueuePath(search), {
        state: noticeState([...said, ...notice("reviews.decision.queueDone")]),
      });
    }
  };
}

export type Busy = "approve" | "reject" | "next" | null;

/**
 * Approving, rejecting and skipping one ad, then moving on. A refusal of the decision shows on the
 * page (focused, so it is read out), except a rejection's other failures, which the reason dialog shows.
 */
export function useReviewDecision(item: ReviewItem, options: Omit<NextAdOptions, "adId">) {
  const { t } = useTranslation();
  const stale = useStale();
  const { ad } = item;
  const goNext = useGoNext({ ...options, adId: ad.id });
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [problem, setProblem] = useState<{ kind: DecisionProblem; error: unknown } | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  async function decide(decision: "approve" | "reject", reasons: RejectionReasonCode[] = [], note?: string) {
    if (busy) return;
    setBusy(decision);
    setProblem(null);
    setDialogError(null);
    try {
      await apiRequest("POST", `${reviewItemApiPath(ad.id)}/decision`, {
        body: { decision, version: item.version, reasons, note },
        schema: DecisionResult,
      });
    } catch (error) {
      const kind = decisionProblem(error);
      setBusy(null);
      if (decision === "reject" && kind === "other") {
        setDialogError(errorMessage(error, t));
        return;
      }
      flushSync(() => {
        setRejecting(false);
        setProblem({ kind, error });
      });
      problemRef.current?.focus();
      return;
    }
    void stale.reviews();
    const key = decision === "approve" ? "reviews.decision.approved" : "reviews.decision.rejected";
    await goNext(notice(key, { name: ad.name }));
  }

  async function skip() {
    if (busy) return;
    setBusy("next");
    rememberSkipped(ad.id);
    await goNext(null);
  }

  function askReasons() {
    setDialogError(null);
    setRejecting(true);
  }

  /** Reads the ad again, e.g. after someone else changed it or took it over. */
  function reload() {
    setProblem(null);
    void stale.reviews();
  }

  return {
    busy,
    problem,
    problemRef,
    rejecting,
    dialogError,
    decide,
    skip,
    askReasons,
    closeReasons: () => setRejecting(false),
    reload,
  };
}
