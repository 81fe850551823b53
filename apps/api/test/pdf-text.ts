import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// pdfjs reads the metrics of the PDF's standard fonts (Helvetica) from its own folder.
const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

/** The PDF's text as pdfjs-dist reads it, one line per text item. */
export async function pdfText(data: Buffer): Promise<string> {
  const document = await getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    standardFontDataUrl,
  }).promise;
  const lines: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    for (const item of content.items) if ("str" in item) lines.push(item.str);
  }
  return lines.join("\n");
}
