import { type Asset, ProductCreatives } from "@sorot/contracts";
import { formatRupiah, PRODUCT_TEMPLATES, type ProductTemplate, rupiah } from "@sorot/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";
import { apiPath, apiUpload } from "../../../lib/api";
import { errorWithIssues } from "../../../lib/errors";

/** Whole rupiah as typed ("25.000", "25000", "Rp 25.000"): digits only, as a bigint; null when none. */
export function parseRupiahInput(text: string): bigint | null {
  const digits = text.replace(/\D/g, "");
  return digits === "" ? null : BigInt(digits);
}

interface ProductCreatorProps {
  businessId: string;
  onChosen: (asset: Asset) => void;
}

/**
 * "Buat iklan dari foto produk": a photo, the product's name, its price and a call to action made
 * into ready 9:16, 1:1 and 4:5 images on the server; the words stay editable and "Buat ulang"
 * renders them again. Loaded only when opened.
 */
export default function ProductCreator({ businessId, onChosen }: ProductCreatorProps) {
  const { t } = useTranslation();
  const id = useId();
  const [photo, setPhoto] = useState<File | null>(null);
  const [productName, setProductName] = useState("");
  const [price, setPrice] = useState("");
  const [callToAction, setCallToAction] = useState(() => t("cta.order_now"));
  const [template, setTemplate] = useState<ProductTemplate>("bold");
  const [made, setMade] = useState<ProductCreatives | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const priceRupiah = parseRupiahInput(price);

  async function make() {
    if (!photo) return setError(t("campaigns.ad.product.photoRequired"));
    if (priceRupiah === null || priceRupiah <= 0n) return setError(t("campaigns.ad.product.priceRequired"));
    setError(null);
    setBusy(true);
    try {
      setMade(
        await apiUpload(apiPath`/v1/businesses/${businessId}/creatives/product`, photo, {
          schema: ProductCreatives,
          fields: {
            productName,
            priceMicros: rupiah(priceRupiah).toString(),
            callToAction,
            template,
          },
        }),
      );
    } catch (failure) {
      setError(errorWithIssues(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="product-creator" aria-labelledby={`${id}-title`} data-testid="product-creator">
      <h3 id={`${id}-title`}>{t("campaigns.ad.product.title")}</h3>
      <label className="field">
        <span className="field-label">{t("campaigns.ad.product.photo")}</span>
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={(event) => setPhoto(event.target.files?.[0] ?? null)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t("campaigns.ad.product.name")}</span>
        <input value={productName} maxLength={40} onChange={(event) => setProductName(event.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t("campaigns.ad.product.price")}</span>
        <input
          inputMode="numeric"
          value={price}
          onChange={(event) => setPrice(event.target.value)}
          aria-describedby={`${id}-price`}
        />
        <span className="field-hint" id={`${id}-price`}>
          {priceRupiah === null ? t("campaigns.ad.product.priceHint") : formatRupiah(rupiah(priceRupiah))}
        </span>
      </label>
      <label className="field">
        <span className="field-label">{t("campaigns.ad.product.cta")}</span>
        <input
          value={callToAction}
          maxLength={24}
          onChange={(event) => setCallToAction(event.target.value)}
        />
      </label>
      <fieldset className="crop-shapes">
        <legend>{t("campaigns.ad.product.template")}</legend>
        {PRODUCT_TEMPLATES.map((name) => (
          <label key={name} className="chip">
            <input
              type="radio"
              name={`${id}-template`}
              value={name}
              checked={template === name}
              onChange={() => setTemplate(name)}
            />
            {t(`campaigns.ad.product.templates.${name}`)}
          </label>
        ))}
      </fieldset>
      <Button variant="primary" disabled={busy} onClick={() => void make()}>
        {busy
          ? t("campaigns.ad.product.making")
          : made
            ? t("campaigns.ad.product.remake")
            : t("campaigns.ad.product.make")}
      </Button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {made && (
        <div className="product-results">
          <p>{t("campaigns.ad.product.choose")}</p>
          <ul>
            {made.creatives.map(({ shape, asset }) => (
              <li key={asset.assetId} className="product-result">
                <img src={asset.url} alt={t("campaigns.ad.product.result", { shape })} width={120} />
                <Button onClick={() => onChosen(asset)}>{t("campaigns.ad.product.use", { shape })}</Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
