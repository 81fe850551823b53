import type { Locator } from "playwright-core";

/**
 * Waits until the ad preview (the dashboard's AdPreview figure, as a viewer meets the ad) shows its
 * creative decoded at full size, and returns that size.
 */
export async function previewImageSize(preview: Locator): Promise<{ width: number; height: number }> {
  const image = preview.locator("img:not([aria-hidden='true'])").first();
  await image.waitFor();
  // No named functions inside: tsx's esbuild would wrap them in a `__name` helper the page lacks.
  await image.evaluate(
    (element: HTMLImageElement) =>
      new Promise((resolve, reject) => {
        if (element.complete && element.naturalWidth > 0) resolve(true);
        element.addEventListener("load", resolve, { once: true });
        element.addEventListener(
          "error",
          () => reject(new Error(`the preview image ${element.src} failed`)),
          {
            once: true,
          },
        );
      }),
  );
  return image.evaluate((element: HTMLImageElement) => ({
    width: element.naturalWidth,
    height: element.naturalHeight,
  }));
}
