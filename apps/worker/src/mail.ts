import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";

export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail, id: string): Promise<void>;
}

/**
 * SMTP when SMTP_URL is set; otherwise each message is written as an .eml file under DATA_DIR/mail
 * (no mail leaves a development machine, and a developer can open the files in any mail client).
 */
export function createMailer(options: { smtpUrl?: string; dataDir: string; from: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(mail) {
        await transport.sendMail({ from: options.from, ...mail });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const folder = join(options.dataDir, "mail");
  return {
    async send(mail, id) {
      const info = await transport.sendMail({ from: options.from, ...mail });
      await mkdir(folder, { recursive: true });
      // Named by the notification, so a retried job overwrites its own file instead of adding one.
      await writeFile(join(folder, `${id}.eml`), info.message as Buffer);
    },
  };
}
