import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface ReadMail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

function decodeQuotedPrintable(value: string): string {
  const bytes = value
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** RFC 2047 words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`) as nodemailer writes non-ASCII headers. */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, word: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(word, "base64").toString("utf8")
        : decodeQuotedPrintable(word.replace(/_/g, " ")),
    );
}

/** The file mailbox the worker writes locally (DATA_DIR/mail/*.eml), decoded for assertions. */
export function readMailbox(dataDir: string): ReadMail[] {
  const folder = join(dataDir, "mail");
  let files: string[];
  try {
    files = readdirSync(folder);
  } catch {
    return [];
  }
  return files.map((file) => {
    const raw = readFileSync(join(folder, file), "utf8");
    const split = raw.indexOf("\r\n\r\n");
    const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
    const body = raw.slice(split + 4);
    const header = (name: string) => head.match(new RegExp(`^${name}: (.*)$`, "mi"))?.[1] ?? "";
    const encoding = header("Content-Transfer-Encoding").toLowerCase();
    const text =
      encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : encoding === "base64"
          ? Buffer.from(body, "base64").toString("utf8")
          : body;
    return {
      file,
      to: header("To"),
      subject: decodeWords(header("Subject")),
      text: text.replace(/\r\n/g, "\n").trimEnd(),
    };
  });
}
