import { Asset } from "@sorot/contracts";
import {
  type AspectRatioName,
  CREATIVE_LIMITS,
  matchAspectRatio,
  type PixelRect,
  UNDECODABLE_PHOTO_TYPES,
} from "@sorot/core";
import { lazy, Suspense, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";
import { apiPath, apiUpload } from "../../../lib/api";
import { errorWithIssues } from "../../../lib/errors";
import type { CreativeDraft } from "./ad-draft";

const ACCEPT = [...CREATIVE_LIMITS.image.mimeTypes, ...CREATIVE_LIMITS.video.mimeTypes].join(",");

const PhotoCropper = lazy(() => import("./PhotoCropper"));
const ProductCreator = lazy(() => import("./ProductCreator"));

/**
 * What can be told before sending a byte: the type and size. The server checks the rest (aspect,
 * duration). A HEIC photo gets its own words: the browser cannot show it for cropping either.
 */
export function precheckFile(file: {
  type: string;
  size: number;
  name: string;
}): "heic" | "wrongType" | "tooBig" | null {
  if ((UNDECODABLE_PHOTO_TYPES as readonly string[]).includes(file.type) || /\.hei[cf]$/i.test(file.name))
    return "heic";
  const isImage = (CREATIVE_LIMITS.image.mimeTypes as readonly string[]).includes(file.type);
  const isVideo = (CREATIVE_LIMITS.video.mimeTypes as readonly string[]).includes(file.type);
  if (!isImage && !isVideo) return "wrongType";
  const max = isImage ? CREATIVE_LIMITS.image.maxSourceBytes : CREATIVE_LIMITS.video.maxBytes;
  return file.size > max ? "tooBig" : null;
}

interface CreativeUploadProps {
  businessId: string;
  creative: CreativeDraft | null;
  onUploaded: (creative: CreativeDraft) => void;
  error?: string;
}

/** The photo's upright size as the browser decodes it (EXIF orientation applied, as the server does). */
function naturalSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve({ width: image.naturalWidth, height: image.naturalHeight });
    image.onerror = () => reject(new Error("the photo cannot be read"));
    image.src = url;
  });
}

interface PendingPhoto {
  file: File;
  url: string;
  width: number;
  height: number;
}

/**
 * Picks a file: a video, or a photo already of an accepted shape, uploads at once; any other photo
 * opens the cropper first. "Buat dari foto produk" opens the product creator instead.
 */
export function CreativeUpload({ businessId, creative, onUploaded, error }: CreativeUploadProps) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingPhoto | null>(null);
  const [productOpen, setProductOpen] = useState(false);

  // An upload still running when the form goes away is of no use to anyone.
  useEffect(() => () => abortRef.current?.abort(), []);
  // The photo's object URL lives as long as the cropper shows it.
  useEffect(() => (pending ? () => URL.revokeObjectURL(pending.url) : undefined), [pending]);

  function takeAsset(asset: Asset) {
    const [first] = asset.warnings;
    setWarning(first ? t(`problems.${first.code}`, first.params) : null);
    onUploaded({
      assetId: asset.assetId,
      url: asset.url,
      kind: asset.kind,
      width: asset.width,
      height: asset.height,
    });
  }

  async function pick(file: File) {
    setUploadError(null);
    setWarning(null);
    const problem = precheckFile(file);
    if (problem) {
      const words = {
        heic: "campaigns.ad.heic",
        wrongType: "campaigns.ad.wrongType",
        tooBig: "campaigns.ad.tooBig",
      } as const;
      setUploadError(t(words[problem]));
      return;
    }
    if (file.type.startsWith("video/")) return upload(file);
    const url = URL.createObjectURL(file);
    try {
      const size = await naturalSize(url);
      if (matchAspectRatio(size.width, size.height)) {
        URL.revokeObjectURL(url);
        return upload(file);
      }
      setPending({ file, url, ...size });
    } catch {
      URL.revokeObjectURL(url);
      setUploadError(t("campaigns.ad.wrongType"));
    }
  }

  async function upload(file: File, crop?: { shape: AspectRatioName; rect: PixelRect }) {
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress(0);
    const query = crop
      ? `?${new URLSearchParams({ shape: crop.shape, ...Object.fromEntries(Object.entries(crop.rect).map(([key, value]) => [key, String(value)])) })}`
      : "";
    try {
      const asset = await apiUpload(`${apiPath`/v1/businesses/${businessId}/uploads`}${query}`, file, {
        schema: Asset,
        signal: controller.signal,
        onProgress: (sent, total) => setProgress(total > 0 ? Math.floor((sent / total) * 100) : 0),
      });
      takeAsset(asset);
    } catch (failure) {
      if (!controller.signal.aborted) setUploadError(errorWithIssues(failure, t));
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
      setProgress(null);
      // The same file may be chosen again after a failure.
      if (inputRef.current) inputRef.current.value = "";
    }
  }

  const shownError = uploadError ?? error;
  const uploading = progress !== null;

  return (
    <div className="field creative-upload">
      <label className="field-label" htmlFor={id}>
        {t("campaigns.ad.creative")}
      </label>
      <p className="field-hint" id={`${id}-hint`}>
        {t("campaigns.ad.creativeHint")}
      </p>
      {/* The native control says "No file chosen" even after an upload; a button-like label says what happens next. */}
      <input
        ref={inputRef}
        id={id}
        name="assetId"
        type="file"
        className="visually-hidden file-input"
        accept={ACCEPT}
        disabled={uploading}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={[shownError && `${id}-error`, `${id}-hint`].filter(Boolean).join(" ")}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void pick(file);
        }}
      />
      <div className="creative-actions">
        <label htmlFor={id} className="button button-secondary file-button" aria-hidden="true">
          {creative ? t("campaigns.ad.replace") : t("campaigns.ad.choose")}
        </label>
        <Button
          variant="ghost"
          aria-expanded={productOpen}
          onClick={() => setProductOpen((open) => !open)}
          data-testid="product-creative-open"
        >
          {t("campaigns.ad.product.open")}
        </Button>
      </div>
      {pending && (
        <Suspense fallback={<p role="status">{t("campaigns.ad.crop.loading")}</p>}>
          <PhotoCropper
            imageUrl={pending.url}
            width={pending.width}
            height={pending.height}
            onCancel={() => {
              setPending(null);
              if (inputRef.current) inputRef.current.value = "";
            }}
            onConfirm={(shape, rect) => {
              const { file } = pending;
              setPending(null);
              void upload(file, { shape, rect });
            }}
          />
        </Suspense>
      )}
      {productOpen && (
        <Suspense fallback={<p role="status">{t("campaigns.ad.crop.loading")}</p>}>
          <ProductCreator
            businessId={businessId}
            onChosen={(asset) => {
              setProductOpen(false);
              takeAsset(asset);
            }}
          />
        </Suspense>
      )}
      {uploading && (
        <div className="upload-progress" role="status">
          <progress max={100} value={progress ?? 0} aria-label={t("campaigns.ad.uploadProgress")} />
          <span>{t("campaigns.ad.uploading", { percent: progress })}</span>
          <Button variant="ghost" className="button-small" onClick={() => abortRef.current?.abort()}>
            {t("campaigns.ad.cancelUpload")}
          </Button>
        </div>
      )}
      {creative && !uploading && (
        <p className="upload-done">
          {t("campaigns.ad.uploaded", {
            kind: t(creative.kind === "image" ? "campaigns.ad.image" : "campaigns.ad.video"),
            width: creative.width,
            height: creative.height,
          })}
        </p>
      )}
      {warning && !uploading && (
        <p className="field-warning" role="status" data-testid="creative-warning">
          {warning}
        </p>
      )}
      {shownError && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {shownError}
        </p>
      )}
    </div>
  );
}
