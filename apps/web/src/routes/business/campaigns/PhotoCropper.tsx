import { ACCEPTED_ASPECT_RATIOS, type AspectRatioName, type PixelRect } from "@sorot/core";
import { useId, useState } from "react";
import Cropper, { type Area } from "react-easy-crop";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";

/** The accepted shape closest to the photo's own, so a 3:4 camera photo starts at 4:5 and loses least. */
export function nearestShape(width: number, height: number): AspectRatioName {
  const actual = Math.log(width / height);
  let best = ACCEPTED_ASPECT_RATIOS[0];
  for (const ratio of ACCEPTED_ASPECT_RATIOS) {
    const distance = Math.abs(Math.log(ratio.width / ratio.height) - actual);
    if (!best || distance < Math.abs(Math.log(best.width / best.height) - actual)) best = ratio;
  }
  return best?.name ?? "1:1";
}

/** i18next reads ":" as its namespace separator, so the shapes' words have names of their own. */
const SHAPE_WORDS = { "9:16": "tall", "4:5": "portrait", "1:1": "square", "16:9": "wide" } as const;

interface PhotoCropperProps {
  imageUrl: string;
  width: number;
  height: number;
  onCancel: () => void;
  onConfirm: (shape: AspectRatioName, rect: PixelRect) => void;
}

/**
 * Loaded only when a photo needs cutting (react-easy-crop is not in the builder's first load).
 * The area it reports is in the photo's upright pixels, as the server cuts them.
 */
export default function PhotoCropper({ imageUrl, width, height, onCancel, onConfirm }: PhotoCropperProps) {
  const { t } = useTranslation();
  const id = useId();
  const [shape, setShape] = useState<AspectRatioName>(() => nearestShape(width, height));
  const [crop, setCrop] = useState({ x: 0, y: 0 });
  const [zoom, setZoom] = useState(1);
  const [area, setArea] = useState<Area | null>(null);
  const ratio = ACCEPTED_ASPECT_RATIOS.find((candidate) => candidate.name === shape);

  return (
    <section className="photo-cropper" aria-labelledby={`${id}-title`} data-testid="photo-cropper">
      <h3 id={`${id}-title`}>{t("campaigns.ad.crop.title")}</h3>
      <fieldset className="crop-shapes">
        <legend>{t("campaigns.ad.crop.shape")}</legend>
        {ACCEPTED_ASPECT_RATIOS.map(({ name }) => (
          <label key={name} className="chip">
            <input
              type="radio"
              name={`${id}-shape`}
              value={name}
              checked={shape === name}
              onChange={() => setShape(name)}
            />
            {t(`campaigns.ad.crop.shapes.${SHAPE_WORDS[name]}`)}
          </label>
        ))}
      </fieldset>
      <div className="crop-area">
        <Cropper
          image={imageUrl}
          crop={crop}
          zoom={zoom}
          aspect={ratio ? ratio.width / ratio.height : 1}
          onCropChange={setCrop}
          onZoomChange={setZoom}
          onCropComplete={(_, pixels) => setArea(pixels)}
          objectFit="contain"
        />
      </div>
      <label className="field crop-zoom">
        <span className="field-label">{t("campaigns.ad.crop.zoom")}</span>
        <input
          type="range"
          min={1}
          max={3}
          step={0.05}
          value={zoom}
          onChange={(event) => setZoom(Number(event.target.value))}
        />
      </label>
      <div className="crop-actions">
        <Button variant="secondary" onClick={onCancel}>
          {t("campaigns.ad.crop.cancel")}
        </Button>
        <Button
          variant="primary"
          disabled={!area}
          onClick={() => {
            if (!area) return;
            // The cropper may report a fraction of a pixel past an edge; the server wants the photo's own pixels.
            const left = Math.max(0, Math.round(area.x));
            const top = Math.max(0, Math.round(area.y));
            onConfirm(shape, {
              left,
              top,
              width: Math.min(width - left, Math.round(area.width)),
              height: Math.min(height - top, Math.round(area.height)),
            });
          }}
        >
          {t("campaigns.ad.crop.confirm")}
        </Button>
      </div>
    </section>
  );
}
