/** Text written into other formats: each function makes any string safe inside one of them. */

/**
 * One CSV field (RFC 4180): quoted, with its quotes doubled, only when it holds a quote, the
 * separator (a comma, or the semicolon of the Indonesian-Excel form) or a line break.
 */
export function csvField(value: string, separator: "," | ";" = ","): string {
  const needsQuotes = value.includes(separator) || /["\n\r]/.test(value);
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Text for HTML element content or a quoted attribute. Numeric references rather than named ones,
 * so the result means the same in HTML and XML.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
