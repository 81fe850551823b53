/**
 * Ads made from a product photo: the templates an owner picks from and the canvases every one of
 * them is rendered on. The drawing itself is the api's; what is offered is a domain rule.
 */
import type { AspectRatioName } from "./creative-spec.js";

export const PRODUCT_TEMPLATES = ["bold", "clean", "label"] as const;
export type ProductTemplate = (typeof PRODUCT_TEMPLATES)[number];

/** The shapes a feed, a story and a square slot show, each 1080 px wide. */
export const PRODUCT_CANVASES: readonly { shape: AspectRatioName; width: number; height: number }[] = [
  { shape: "9:16", width: 1080, height: 1920 },
  { shape: "1:1", width: 1080, height: 1080 },
  { shape: "4:5", width: 1080, height: 1350 },
];
