import { Asset } from "@sorot/contracts";
import { CREATIVE_LIMITS } from "@sorot/core";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";
import { apiPath, apiUpload } from "../../../lib/api";
import { errorWithIssues } from "../../../lib/errors";
import type { CreativeDraft } from "./ad-draft";

const ACCEPT = [...CREATIVE_LIMITS.image.mimeTypes, ...CREATIVE_LIMITS.video.mimeTypes].join(",");

/** What can be told before sending a byte: the type and size. The server checks the rest (aspect, duration). */
export function precheckFile(file: { type: string; size: number }): "wrongType" | "tooBig" | null {
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

/** Picks a file and uploads it at once, with a progress bar; the preview shows the result. */
export function CreativeUpload({ businessId, creative, onUploaded, error }: CreativeUploadProps) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);

  // An upload still running when the form goes away is of no use to anyone.
  useEffect(() => () => abortRef.current?.abort(), []);

  async function upload(file: File) {
    setUploadError(null);
    const problem = precheckFile(file);
    if (problem) {
      setUploadError(t(problem === "wrongType" ? "campaigns.ad.wrongType" : "campaigns.ad.tooBig"));
      return;
    }
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress(0);
    try {
      const asset = await apiUpload(apiPath`/v1/businesses/${businessId}/uploads`, file, {
        schema: Asset,
        signal: controller.signal,
        onProgress: (sent, total) => setProgress(total > 0 ? Math.floor((sent / total) * 100) : 0),
      });
      onUploaded({
        assetId: asset.assetId,
        url: asset.url,
        kind: asset.kind,
        width: asset.width,
        height: asset.height,
      });
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
          if (file) void upload(file);
        }}
      />
      <label htmlFor={id} className="button button-secondary file-button" aria-hidden="true">
        {creative ? t("campaigns.ad.replace") : t("campaigns.ad.choose")}
      </label>
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
      {shownError && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {shownError}
        </p>
      )}
    </div>
  );
}
