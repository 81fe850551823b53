import type { CreateAdBody } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import "./AdPreview.css";

export interface AdPreviewCreative {
  url: string;
  kind: "image" | "video";
  width: number;
  height: number;
}

export interface AdPreviewProps {
  businessName: string;
  headline: string;
  text: string;
  callToAction: CreateAdBody["callToAction"];
  /** Null while no file is uploaded yet: a placeholder stands in. */
  creative: AdPreviewCreative | null;
  /** Shown while the owner types; the preview says where the headline and text will go. */
  showPlaceholders?: boolean;
  /**
   * A preview is a figure named so for assistive technology. The real ad (the feed's) is plain
   * content, so the link around it takes its name from what the ad says: browsers leave a figure's
   * text out of its link's name.
   */
  isPreview?: boolean;
}

/** "Warung Kopi Nusantara" -> "W": the round badge a feed shows beside an account name. */
function initial(name: string): string {
  return name.match(/[\p{L}\p{N}]/u)?.[0]?.toUpperCase() ?? "•";
}

/**
 * The ad as a viewer meets it: a standalone sponsored card in a vertical short-video feed, in a
 * 9:16 phone frame. The creative fills the frame (a square or landscape one sits centred over a
 * blurred copy of itself, as feeds show them). Purely presentational, so the owner's builder and
 * the admin review screen show exactly the same thing.
 */
export function AdPreview({
  businessName,
  headline,
  text,
  callToAction,
  creative,
  showPlaceholders = false,
  isPreview = true,
}: AdPreviewProps) {
  const { t } = useTranslation();
  const shownHeadline = headline.trim() || (showPlaceholders ? t("adPreview.headlinePlaceholder") : "");
  const shownText = text.trim() || (showPlaceholders ? t("adPreview.textPlaceholder") : "");
  const Frame = isPreview ? "figure" : "div";

  return (
    <Frame className="ad-preview" aria-label={isPreview ? t("adPreview.label") : undefined}>
      <div className="ad-preview-frame">
        {creative ? (
          <>
            {creative.kind === "image" && (
              <img className="ad-preview-backdrop" src={creative.url} alt="" aria-hidden="true" />
            )}
            {creative.kind === "image" ? (
              <img
                className="ad-preview-media"
                src={creative.url}
                alt=""
                width={creative.width}
                height={creative.height}
              />
            ) : (
              <video
                className="ad-preview-media"
                src={creative.url}
                width={creative.width}
                height={creative.height}
                muted
                loop
                autoPlay
                playsInline
              />
            )}
          </>
        ) : (
          <p className="ad-preview-empty">{t("adPreview.noCreative")}</p>
        )}
        <div className="ad-preview-overlay">
          <p className="ad-preview-account">
            <span className="ad-preview-avatar" aria-hidden="true">
              {initial(businessName)}
            </span>
            <span className="ad-preview-business">{businessName}</span>{" "}
            <span className="ad-preview-sponsored">{t("adPreview.sponsored")}</span>
          </p>
          {shownHeadline && (
            <p className={headline.trim() ? "ad-preview-headline" : "ad-preview-headline is-placeholder"}>
              {shownHeadline}
            </p>
          )}
          {shownText && (
            <p className={text.trim() ? "ad-preview-text" : "ad-preview-text is-placeholder"}>{shownText}</p>
          )}
          {/* Not a real button: in the preview nothing happens on a tap. */}
          <span className="ad-preview-cta">{t(`cta.${callToAction}`)}</span>
        </div>
      </div>
    </Frame>
  );
}
