import {
  AGE_BAND_INFO,
  AGE_BANDS,
  CITIES,
  citiesOfProvince,
  DEVICE_INFO,
  DEVICES,
  GENDER_INFO,
  GENDERS,
  INTEREST_INFO,
  INTERESTS,
  LANGUAGE_INFO,
  LANGUAGES,
  PROVINCES,
} from "@sorot/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../../i18n";
import type { Locale } from "../../../i18n/locale";
import type { DraftErrors, TargetingDraft } from "./draft";
import { ChipCheckbox, type ChipOption, ChipsField } from "./fields";

interface TargetingFieldsProps {
  targeting: TargetingDraft;
  onChange: (targeting: TargetingDraft) => void;
  errors: DraftErrors;
}

interface Labelled {
  label: { id: string; en: string };
}

function optionsOf<K extends string>(
  codes: readonly K[],
  info: Record<K, Labelled>,
  locale: Locale,
): ChipOption<K>[] {
  return codes.map((code) => ({ value: code, label: info[code].label[locale] }));
}

/** Labels of every targeting code, for the review step and the campaign page. */
export function targetingLabels(locale: Locale) {
  const province = new Map(PROVINCES.map((each) => [each.code, each.name]));
  const city = new Map(CITIES.map((each) => [each.code, each.name]));
  const fromInfo =
    <K extends string>(info: Record<K, Labelled>) =>
    (code: string) =>
      (info as Record<string, Labelled>)[code]?.label[locale] ?? code;
  return {
    provinces: (code: string) => province.get(code) ?? code,
    cities: (code: string) => city.get(code) ?? code,
    ageBands: fromInfo(AGE_BAND_INFO),
    genders: fromInfo(GENDER_INFO),
    interests: fromInfo(INTEREST_INFO),
    devices: fromInfo(DEVICE_INFO),
    languages: fromInfo(LANGUAGE_INFO),
  };
}

/** Where and whom: provinces, their cities, age, gender, interests, devices and languages. */
export function TargetingFields({ targeting, onChange, errors }: TargetingFieldsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const set = (patch: Partial<TargetingDraft>) => onChange({ ...targeting, ...patch });

  function setProvinces(provinces: string[]) {
    // A city outside the chosen provinces would be refused: it leaves with its province.
    const kept = new Set(provinces);
    const cities = targeting.cities.filter((code) => {
      const city = CITIES.find((each) => each.code === code);
      return city ? kept.has(city.provinceCode) : false;
    });
    set({ provinces, cities });
  }

  return (
    <div className="stack stack-loose">
      <p className="field-hint">{t("campaigns.audience.everyoneHint")}</p>
      <ProvincePicker
        selected={targeting.provinces}
        onChange={setProvinces}
        error={errors["targeting.provinces"]}
      />
      <CityPicker
        provinces={targeting.provinces}
        selected={targeting.cities}
        onChange={(cities) => set({ cities })}
        error={errors["targeting.cities"]}
      />
      <ChipsField
        legend={t("campaigns.audience.ageBands")}
        options={optionsOf(AGE_BANDS, AGE_BAND_INFO, locale)}
        selected={targeting.ageBands}
        onChange={(ageBands) => set({ ageBands })}
        error={errors["targeting.ageBands"]}
      />
      <ChipsField
        legend={t("campaigns.audience.genders")}
        options={optionsOf(GENDERS, GENDER_INFO, locale)}
        selected={targeting.genders}
        onChange={(genders) => set({ genders })}
        error={errors["targeting.genders"]}
      />
      <ChipsField
        legend={t("campaigns.audience.interests")}
        hint={t("campaigns.audience.interestsHint")}
        options={optionsOf(INTERESTS, INTEREST_INFO, locale)}
        selected={targeting.interests}
        onChange={(interests) => set({ interests })}
        error={errors["targeting.interests"]}
      />
      <ChipsField
        legend={t("campaigns.audience.devices")}
        options={optionsOf(DEVICES, DEVICE_INFO, locale)}
        selected={targeting.devices}
        onChange={(devices) => set({ devices })}
        error={errors["targeting.devices"]}
      />
      <ChipsField
        legend={t("campaigns.audience.languages")}
        options={optionsOf(LANGUAGES, LANGUAGE_INFO, locale)}
        selected={targeting.languages}
        onChange={(languages) => set({ languages })}
        error={errors["targeting.languages"]}
      />
    </div>
  );
}

/** Case- and accent-blind, so "jawa" finds "Jawa Barat" and "yogya" finds "DI Yogyakarta". */
function normalized(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

interface PickerProps {
  selected: string[];
  onChange: (next: string[]) => void;
  error?: string;
}

/** The 38 provinces as a searchable checklist, with the chosen ones as removable chips above it. */
function ProvincePicker({ selected, onChange, error }: PickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState("");
  const shown = PROVINCES.filter((province) => normalized(province.name).includes(normalized(query.trim())));
  const inOrder = (codes: string[]) =>
    PROVINCES.map((each) => each.code).filter((code) => codes.includes(code));
  const nameOf = (code: string) => PROVINCES.find((each) => each.code === code)?.name ?? code;

  return (
    <fieldset
      className="field province-picker"
      aria-describedby={[error && `${id}-error`, `${id}-hint`].filter(Boolean).join(" ")}
    >
      <legend className="field-label">{t("campaigns.audience.provinces")}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        {t("campaigns.audience.provincesHint")}
      </p>
      {selected.length > 0 && (
        <div className="selected-chips">
          <span className="visually-hidden">{t("campaigns.audience.selected", { n: selected.length })}</span>
          <ul className="chip-list">
            {selected.map((code) => (
              <li key={code}>
                <button
                  type="button"
                  className="removable-chip"
                  aria-label={t("campaigns.audience.remove", { name: nameOf(code) })}
                  onClick={() => onChange(selected.filter((each) => each !== code))}
                >
                  {nameOf(code)} <span aria-hidden="true">✕</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => onChange([])}>
            {t("campaigns.audience.clearAll")}
          </button>
        </div>
      )}
      <label className="visually-hidden" htmlFor={`${id}-search`}>
        {t("campaigns.audience.provinceSearch")}
      </label>
      <input
        id={`${id}-search`}
        className="input"
        type="search"
        placeholder={t("campaigns.audience.provinceSearch")}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <div className="checklist">
        {shown.length === 0 && <p className="field-hint">{t("campaigns.audience.provinceNoMatch")}</p>}
        {shown.map((province) => {
          const checked = selected.includes(province.code);
          return (
            <label key={province.code} className="checklist-item">
              <input
                type="checkbox"
                checked={checked}
                onChange={() =>
                  onChange(
                    checked
                      ? selected.filter((code) => code !== province.code)
                      : inOrder([...selected, province.code]),
                  )
                }
              />
              <span>{province.name}</span>
            </label>
          );
        })}
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Cities of the chosen provinces, grouped by province; nothing to choose before a province is. */
function CityPicker({ provinces, selected, onChange, error }: PickerProps & { provinces: string[] }) {
  const { t } = useTranslation();
  const id = useId();
  const groups = provinces
    .map((code) => ({
      province: PROVINCES.find((each) => each.code === code),
      cities: citiesOfProvince(code),
    }))
    .filter((group) => group.province && group.cities.length > 0);

  return (
    <fieldset
      className="field chips-field"
      aria-describedby={[error && `${id}-error`, `${id}-hint`].filter(Boolean).join(" ")}
    >
      <legend className="field-label">{t("campaigns.audience.cities")}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        {provinces.length === 0
          ? t("campaigns.audience.citiesNeedProvince")
          : t("campaigns.audience.citiesHint")}
      </p>
      {groups.map(({ province, cities }) => (
        <fieldset key={province?.code} className="city-group">
          <legend className="city-group-label">{province?.name}</legend>
          <div className="chip-options">
            {cities.map((city) => {
              const checked = selected.includes(city.code);
              return (
                <ChipCheckbox
                  key={city.code}
                  label={city.name}
                  checked={checked}
                  invalid={Boolean(error)}
                  onToggle={() =>
                    onChange(
                      checked ? selected.filter((code) => code !== city.code) : [...selected, city.code],
                    )
                  }
                />
              );
            })}
          </div>
        </fieldset>
      ))}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
