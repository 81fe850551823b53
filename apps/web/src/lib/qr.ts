import QRCode from "qrcode";

/** Pixels of the rendered code: scannable from a second phone held at arm's length, and fits 360 px. */
export const QR_IMAGE_PX = 280;

/**
 * A QR code as a PNG data URL, drawn in the browser from the payload itself: no image from a third
 * party, and the same picture the payer's bank app would read from the gateway's page. Error
 * correction M (15%) as QRIS (ASPI's MPM) asks; the quiet zone of 4 modules scanners need.
 */
export function qrImageUrl(payload: string): Promise<string> {
  return QRCode.toDataURL(payload, { errorCorrectionLevel: "M", margin: 4, width: QR_IMAGE_PX });
}
