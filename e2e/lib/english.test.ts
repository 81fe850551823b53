import { METRIC_DEFINITIONS, NOTIFICATION_KINDS, notificationText, REJECTION_REASONS } from "@sorot/core";
import { describe, expect, it } from "vitest";
import { en, id } from "../../apps/web/src/i18n/catalogues.js";
import { problemMessagesEn } from "../../apps/web/src/i18n/problems.en.js";
import { englishLines } from "./english.js";

function messages(catalogue: unknown, into: string[] = []): string[] {
  if (typeof catalogue === "string") into.push(catalogue.replace(/\{\{[^}]*\}\}/g, "X"));
  else if (typeof catalogue === "object" && catalogue !== null)
    for (const value of Object.values(catalogue)) messages(value, into);
  return into;
}

/** What the api said in English before its problems were translated (issue #20), as thrown. */
const API_DETAILS = [
  "is too common; choose something less guessable",
  "is already registered",
  "A business needs at least one owner. Make someone else an owner first.",
  "Before submitting, top up: one day of this budget is Rp 50.000 and your available balance is Rp 0.",
  "The short side is only 400 pixels; the minimum is 600.",
  "The link uses http, not https.",
];

describe("the id walk's English detector", () => {
  it("fails a screen on each server refusal the web words in English", () => {
    const refusals = messages(problemMessagesEn).filter((text) => text.split(/\s+/).length >= 3);
    expect(refusals.length).toBeGreaterThan(80);
    expect(refusals.filter((text) => englishLines(text).length === 0)).toEqual([]);
  });

  it("fails a screen on the api's English details", () => {
    for (const detail of API_DETAILS) expect(englishLines(detail)).toEqual([detail]);
  });

  it("catches most of the English catalogue's sentences, far more than two words of a short list did", () => {
    const sentences = messages(en).filter((text) => text.split(/\s+/).length >= 4);
    const caught = sentences.filter((text) => englishLines(text).length > 0);
    expect(caught.length / sentences.length).toBeGreaterThan(0.75);
  });

  /** Core's own words shown on screens: review reasons, metric names and tips, notifications. */
  const coreTexts = (locale: "id" | "en") => [
    ...Object.values(REJECTION_REASONS).flatMap((reason) => [reason.title[locale], reason.howToFix[locale]]),
    ...Object.values(METRIC_DEFINITIONS).flatMap((metric) => [metric.label[locale], metric.tooltip[locale]]),
    ...NOTIFICATION_KINDS.flatMap((kind) => {
      const text = notificationText(kind, {}, locale);
      return [text.title, ...text.body];
    }),
  ];

  it("passes every Indonesian message of the dashboard and of core", () => {
    const indonesian = [...messages(id), ...coreTexts("id")];
    expect(indonesian.filter((text) => englishLines(text).length > 0)).toEqual([]);
  });

  it("catches core's English review reasons, metric tips and notifications", () => {
    // Sentences, not labels: a noun phrase ("Promo credit ending soon") is left to the catalogue check.
    const sentences = coreTexts("en").filter((text) => /\.$/.test(text) && text.split(/\s+/).length >= 4);
    expect(sentences.length).toBeGreaterThan(40);
    expect(sentences.filter((text) => englishLines(text).length === 0)).toEqual([]);
  });

  it("finds the one English line on an Indonesian screen, addresses and abbreviations aside", () => {
    const screen = [
      "Saldo iklan",
      "Rp 150.000",
      "Ke BCA ••7890 a.n. Sari Dewi",
      "No. kuitansi SRT/2026/000012",
      "Kirim ke no-reply@sorot.id atau buka https://sorot.id/b/abc/wallet",
      "Back to Business",
      "You cannot withdraw more than your cash balance.",
    ].join("\n");
    expect(englishLines(screen)).toEqual(["You cannot withdraw more than your cash balance."]);
  });
});
