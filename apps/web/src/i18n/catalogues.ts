import { adminMessagesEn } from "./admin.en";
import { adminMessagesId } from "./admin.id";
import { campaignMessagesEn } from "./campaigns.en";
import { campaignMessagesId } from "./campaigns.id";
import { creatorMessagesEn } from "./creators.en";
import { creatorMessagesId } from "./creators.id";
import { shellMessagesEn } from "./en";
import { shellMessagesId } from "./id";
import { mergeMessages } from "./merge";
import { reportMessagesEn } from "./reports.en";
import { reportMessagesId } from "./reports.id";
import { reviewMessagesEn } from "./reviews.en";
import { reviewMessagesId } from "./reviews.id";

/*
 * Each language whole: its shell and every area. The dashboard never imports this module (it
 * loads the shell, then each area with its routes: index.ts); types, tests and the e2e checks do.
 */

/** Bahasa Indonesia, the default language. Its shape is the key set every other language must match. */
export const id = mergeMessages(
  shellMessagesId,
  campaignMessagesId,
  reportMessagesId,
  reviewMessagesId,
  creatorMessagesId,
  adminMessagesId,
);

export type Messages = typeof id;

export const en: Messages = mergeMessages(
  shellMessagesEn,
  campaignMessagesEn,
  reportMessagesEn,
  reviewMessagesEn,
  creatorMessagesEn,
  adminMessagesEn,
);
