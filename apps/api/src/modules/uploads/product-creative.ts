import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import { type AspectRatioName, PRODUCT_CANVASES, type ProductTemplate } from "@sorot/core";
import satori from "satori";
import sharp from "sharp";
import { MAX_INPUT_PIXELS } from "./media-probe.js";

const require = createRequire(import.meta.url);

/** Poppins from @fontsource (WOFF: satori reads WOFF and TTF, not WOFF2), read once per process. */
let fonts: Parameters<typeof satori>[1]["fonts"] | undefined;
function loadFonts() {
  fonts ??= ([500, 700] as const).map((weight) => ({
    name: "Poppins",
    weight,
    style: "normal" as const,
    data: readFileSync(require.resolve(`@fontsource/poppins/files/poppins-latin-${weight}-normal.woff`)),
  }));
  return fonts;
}

export interface ProductWords {
  productName: string;
  /** Already formatted for people: `Rp 25.000`. */
  price: string;
  callToAction: string;
}

interface Node {
  type: string;
  props: { style?: Record<string, string | number>; children?: (Node | string)[] | Node | string };
}

const node = (style: Node["props"]["style"], children?: Node["props"]["children"]): Node => ({
  type: "div",
  props: { style: { display: "flex", ...style }, ...(children === undefined ? {} : { children }) },
});

/**
 * Every canvas is 1080 px wide and a phone shows each at its screen's width, so the words have one
 * size on all of them: readable at 360 px (name 72 px on the canvas is 24 px on the screen).
 */
const TEXT = { name: 72, price: 96, cta: 44, gap: 20 } as const;
/** The white panel under the photo in the "clean" template. */
const CLEAN_PANEL_PX = 440;

const CTA_PILL = (words: ProductWords, colours: { background: string; text: string }) =>
  node(
    {
      backgroundColor: colours.background,
      color: colours.text,
      fontSize: TEXT.cta,
      fontWeight: 700,
      padding: "20px 44px",
      borderRadius: 999,
      // The button's words never wrap: the product's name gives way instead.
      flexShrink: 0,
    },
    words.callToAction,
  );

/** Where the photo sits on the canvas: the whole canvas, or its upper part above a text panel. */
export function photoHeight(template: ProductTemplate, height: number): number {
  return template === "clean" ? height - CLEAN_PANEL_PX : height;
}

function overlay(template: ProductTemplate, width: number, height: number, words: ProductWords): Node {
  const { name: nameSize, price: priceSize, gap } = TEXT;
  if (template === "clean") {
    return node({ width, height, flexDirection: "column", justifyContent: "flex-end" }, [
      node(
        {
          height: height - photoHeight(template, height),
          backgroundColor: "#ffffff",
          flexDirection: "column",
          justifyContent: "center",
          alignItems: "center",
          gap,
          padding: `0 ${Math.round(width * 0.06)}px`,
        },
        [
          node(
            { color: "#1f2937", fontSize: nameSize, fontWeight: 500, textAlign: "center" },
            words.productName,
          ),
          node({ color: "#b45309", fontSize: priceSize, fontWeight: 700 }, words.price),
          CTA_PILL(words, { background: "#b45309", text: "#ffffff" }),
        ],
      ),
    ]);
  }
  if (template === "label") {
    const badge = Math.round(width * 0.42);
    return node({ width, height, flexDirection: "column", justifyContent: "space-between" }, [
      node({ justifyContent: "flex-end", padding: Math.round(width * 0.05) }, [
        node(
          {
            width: badge,
            height: badge,
            borderRadius: badge,
            backgroundColor: "#dc2626",
            color: "#ffffff",
            fontSize: Math.round(badge / 5.5),
            fontWeight: 700,
            alignItems: "center",
            justifyContent: "center",
            textAlign: "center",
          },
          words.price,
        ),
      ]),
      node(
        {
          backgroundColor: "rgba(17, 24, 39, 0.82)",
          color: "#ffffff",
          alignItems: "center",
          justifyContent: "space-between",
          gap,
          padding: `${gap}px ${Math.round(width * 0.05)}px`,
        },
        [
          node({ fontSize: nameSize, fontWeight: 700, flexShrink: 1 }, words.productName),
          CTA_PILL(words, { background: "#facc15", text: "#111827" }),
        ],
      ),
    ]);
  }
  return node(
    {
      width,
      height,
      flexDirection: "column",
      justifyContent: "flex-end",
      backgroundImage: "linear-gradient(to bottom, rgba(0,0,0,0) 45%, rgba(0,0,0,0.85) 100%)",
    },
    [
      node({ flexDirection: "column", alignItems: "flex-start", gap, padding: Math.round(width * 0.07) }, [
        node({ color: "#ffffff", fontSize: nameSize, fontWeight: 700, lineHeight: 1.1 }, words.productName),
        node({ color: "#fde047", fontSize: priceSize, fontWeight: 700 }, words.price),
        CTA_PILL(words, { background: "#ffffff", text: "#111827" }),
      ]),
    ],
  );
}

export interface RenderedCreative {
  shape: AspectRatioName;
  bytes: Buffer;
  width: number;
  height: number;
}

/**
 * The same photo and words on every product canvas: the photo cut to fill its place (centred on
 * what sharp finds most interesting), the words laid out by satori in Poppins and drawn by resvg,
 * composed and encoded as JPEG without the photo's metadata.
 */
export async function renderProductCreatives(
  photo: Buffer,
  template: ProductTemplate,
  words: ProductWords,
): Promise<RenderedCreative[]> {
  return Promise.all(
    PRODUCT_CANVASES.map(async ({ shape, width, height }) => {
      const photoPart = photoHeight(template, height);
      const base = await sharp(photo, { autoOrient: true, limitInputPixels: MAX_INPUT_PIXELS })
        .resize(width, photoPart, { fit: "cover", position: sharp.strategy.attention })
        .extend({ bottom: height - photoPart, background: "#ffffff" })
        .flatten({ background: "#ffffff" })
        .toBuffer();
      // satori takes React elements; plain `{ type, props }` objects are what they are at run time.
      const tree = overlay(template, width, height, words) as unknown as Parameters<typeof satori>[0];
      const svg = await satori(tree, { width, height, fonts: loadFonts() });
      const text = new Resvg(svg, { fitTo: { mode: "original" } }).render().asPng();
      const bytes = await sharp(base)
        .composite([{ input: text }])
        .jpeg({ quality: 85, mozjpeg: true })
        .toBuffer();
      return { shape, bytes, width, height };
    }),
  );
}
