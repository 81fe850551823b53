import i18next, { type i18n } from "i18next";
import { en, id } from "./catalogues";

/** Unit tests' translator: both catalogues, as the app words them, without a browser or React. */
export async function catalogueI18n(lng: "id" | "en"): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { id: { translation: id }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return instance;
}
