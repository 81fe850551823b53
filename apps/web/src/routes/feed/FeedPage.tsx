import { type RefObject, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AdPreview } from "../../components/AdPreview";
import { Spinner } from "../../components/Spinner";
import {
  browserDecisionContext,
  type DecisionContext,
  type DecisionResponse,
  type FeedItem,
  feedItems,
  fireBeacon,
  IMPRESSION_VISIBLE_MS,
  IMPRESSION_VISIBLE_RATIO,
  requestFeedAd,
} from "./feed-ads";
import "./FeedPage.css";

/** Placeholders rendered at first, added per page as the viewer nears the end, and at most. */
const FIRST_VIDEOS = 12;
const MORE_VIDEOS = 9;
const MAX_VIDEOS = 300;

/** Ask for an ad this far ahead of its slot (in scroller heights), so it is ready on arrival. */
const PREFETCH_MARGIN = "150% 0px";

/** Background hues of the placeholder panels; plain colour, so nobody mistakes them for real videos. */
const PLACEHOLDER_HUES = [12, 200, 140, 280, 40, 320, 170, 230];

/**
 * `/feed`: a demo of the feed placement, as a viewer meets it. A vertical, snap-scrolling stream of
 * placeholder creator videos (coloured panels, no real creator content) with a standalone sponsored
 * ad from `POST /v1/decisions` after every third one. Public: it needs no sign-in, and it sends the
 * ad server only a random id kept in this browser, its language and its device class, with the
 * sample viewer profile of DEMO_VIEWER_PROFILE.
 */
export function FeedPage() {
  const { t } = useTranslation();
  const [context] = useState<DecisionContext>(browserDecisionContext);
  const [videos, setVideos] = useState(FIRST_VIDEOS);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const items = feedItems(videos);

  // More placeholders (and so more ad slots) as the viewer nears the end, up to a bound.
  useEffect(() => {
    const sentinel = sentinelRef.current;
    if (!scroller || !sentinel || videos >= MAX_VIDEOS || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting))
          setVideos((count) => Math.min(MAX_VIDEOS, count + MORE_VIDEOS));
      },
      { root: scroller, rootMargin: "200% 0px" },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [scroller, videos]);

  return (
    <div className="feed-page">
      <header className="feed-bar">
        <Link to="/" className="feed-brand">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span>{t("app.name")}</span>
        </Link>
        <h1 className="feed-title">{t("feed.title")}</h1>
        <p className="feed-note">{t("feed.note")}</p>
      </header>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it */}
      <main className="feed-scroller" ref={setScroller} tabIndex={0} aria-label={t("feed.label")}>
        {items.map((item) => (
          <FeedEntry key={item.key} item={item} context={context} scroller={scroller} />
        ))}
        <div ref={sentinelRef} className="feed-sentinel" aria-hidden="true" />
      </main>
    </div>
  );
}

interface FeedEntryProps {
  item: FeedItem;
  context: DecisionContext;
  scroller: HTMLElement | null;
}

function FeedEntry({ item, context, scroller }: FeedEntryProps) {
  return item.kind === "video" ? (
    <PlaceholderVideo number={item.number} />
  ) : (
    <SponsoredSlot context={context} scroller={scroller} />
  );
}

function PlaceholderVideo({ number }: { number: number }) {
  const { t } = useTranslation();
  const hue = PLACEHOLDER_HUES[(number - 1) % PLACEHOLDER_HUES.length] ?? 200;
  const handle = `@kreator_contoh_${number}`;
  return (
    <article className="feed-item" aria-label={t("feed.placeholderLabel", { number, handle })}>
      <div
        className="feed-card feed-placeholder"
        style={{
          background: `linear-gradient(160deg, hsl(${hue} 55% 42%), hsl(${(hue + 40) % 360} 60% 22%))`,
        }}
      >
        <span className="feed-placeholder-badge">{t("feed.placeholderBadge")}</span>
        <span className="feed-placeholder-play" aria-hidden="true">
          ▶
        </span>
        <div className="feed-card-overlay">
          <p className="feed-placeholder-handle">{handle}</p>
          <p className="feed-placeholder-caption">{t("feed.placeholderCaption", { number })}</p>
        </div>
      </div>
    </article>
  );
}

type SlotState = { status: "waiting" } | { status: "loading" } | { status: "ad"; decision: DecisionResponse };

/**
 * One sponsored slot. It asks for its ad when it comes within reach of the viewport, shows it with
 * the same AdPreview owners and reviewers see, and disappears when no ad may serve, so the next
 * placeholder simply follows.
 */
function SponsoredSlot({ context, scroller }: { context: DecisionContext; scroller: HTMLElement | null }) {
  const { t } = useTranslation();
  const slotRef = useRef<HTMLElement>(null);
  const cardRef = useRef<HTMLAnchorElement>(null);
  // One decision per slot, even when React runs the effect twice (StrictMode) or re-renders.
  const requestRef = useRef<Promise<DecisionResponse | null> | null>(null);
  const [state, setState] = useState<SlotState>({ status: "waiting" });
  const [gone, setGone] = useState(false);

  useEffect(() => {
    const slot = slotRef.current;
    if (state.status !== "waiting" || !scroller || !slot) return;
    const load = () => setState({ status: "loading" });
    if (typeof IntersectionObserver === "undefined") {
      load();
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => entries.some((entry) => entry.isIntersecting) && load(),
      {
        root: scroller,
        rootMargin: PREFETCH_MARGIN,
      },
    );
    observer.observe(slot);
    return () => observer.disconnect();
  }, [state.status, scroller]);

  useEffect(() => {
    if (state.status !== "loading") return;
    let active = true;
    requestRef.current ??= requestFeedAd(context);
    void requestRef.current.then((decision) => {
      if (!active) return;
      if (decision) setState({ status: "ad", decision });
      else setGone(true);
    });
    return () => {
      active = false;
    };
  }, [state.status, context]);

  useImpression(cardRef, scroller, state.status === "ad" ? state.decision.impressionUrl : null);

  if (gone) return null;
  if (state.status !== "ad") {
    return (
      <article ref={slotRef} className="feed-item feed-ad" aria-label={t("feed.sponsored")} aria-busy="true">
        <div className="feed-card feed-ad-loading">
          <Spinner />
          <span className="visually-hidden">{t("common.loading")}</span>
        </div>
      </article>
    );
  }

  const { ad, clickUrl } = state.decision;
  return (
    <article
      ref={slotRef}
      className="feed-item feed-ad"
      aria-label={t("feed.sponsoredBy", { business: ad.businessName || ad.headline })}
    >
      <a ref={cardRef} className="feed-ad-link" href={clickUrl} target="_blank" rel="noopener">
        <AdPreview
          businessName={ad.businessName}
          headline={ad.headline}
          text={ad.text}
          callToAction={ad.callToAction}
          creative={ad.creative}
          isPreview={false}
        />
        <span className="visually-hidden"> {t("common.opensInNewTab")}</span>
      </a>
    </article>
  );
}

/**
 * Fires the impression beacon once, when the card has been at least half visible for a second
 * while the page is in the foreground.
 */
function useImpression(cardRef: RefObject<HTMLElement | null>, root: HTMLElement | null, url: string | null) {
  const firedRef = useRef(false);

  useEffect(() => {
    const card = cardRef.current;
    if (!url || !root || !card || firedRef.current || typeof IntersectionObserver === "undefined") return;
    let inView = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const arm = () => {
      clearTimeout(timer);
      timer = undefined;
      if (firedRef.current || !inView || document.visibilityState !== "visible") return;
      timer = setTimeout(() => {
        firedRef.current = true;
        fireBeacon(url);
        observer.disconnect();
        document.removeEventListener("visibilitychange", arm);
      }, IMPRESSION_VISIBLE_MS);
    };

    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries)
          inView = entry.isIntersecting && entry.intersectionRatio >= IMPRESSION_VISIBLE_RATIO;
        arm();
      },
      { root, threshold: [0, 0.25, IMPRESSION_VISIBLE_RATIO, 0.75, 1] },
    );
    observer.observe(card);
    document.addEventListener("visibilitychange", arm);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
      document.removeEventListener("visibilitychange", arm);
    };
  }, [cardRef, root, url]);
}
