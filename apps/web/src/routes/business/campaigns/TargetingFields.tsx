import {
  AGE_BAND_INFO,
  AGE_BANDS,
  CITIES,
  cityByCode,
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
import { type ChipOption, ChipsField } from "./fields";

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
    // A city outside the chosen provinces would be refused, so it leaves with its province; once no
    // province is left, a city stands on its own (any regency of Indonesia may be chosen).
    const kept = new Set(provinces);
    const cities = targeting.cities.filter((code) => {
      const city = cityByCode(code);
      return city ? kept.size === 0 || kept.has(city.provinceCode) : false;
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

interface PlaceOption {
  code: string;
  name: string;
  /** Shown after the name to tell places apart (a regency's province). */
  detail?: string;
}

interface PlaceChecklistProps extends PickerProps {
  options: readonly PlaceOption[];
  legend: string;
  hint: string;
  searchLabel: string;
  noMatch: string;
}

/**
 * Places as a searchable checklist, with the chosen ones as removable chips above it: one column of
 * full-width rows on a 360 px phone, scrolling inside its box, so even 514 regencies stay usable.
 */
function PlaceChecklist({
  options,
  selected,
  onChange,
  error,
  legend,
  hint,
  searchLabel,
  noMatch,
}: PlaceChecklistProps) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState("");
  const wanted = normalized(query.trim());
  const shown = options.filter((option) =>
    normalized(`${option.name} ${option.detail ?? ""}`).includes(wanted),
  );
  const inOrder = (codes: string[]) =>
    options.map((each) => each.code).filter((code) => codes.includes(code));
  const nameOf = (code: string) => options.find((each) => each.code === code)?.name ?? code;

  return (
    <fieldset
      className="field province-picker"
      aria-describedby={[error && `${id}-error`, `${id}-hint`].filter(Boolean).join(" ")}
    >
      <legend className="field-label">{legend}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
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
        {searchLabel}
      </label>
      <input
        id={`${id}-search`}
        className="input"
        type="search"
        placeholder={searchLabel}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <div className="checklist">
        {shown.length === 0 && <p className="field-hint">{noMatch}</p>}
        {shown.map((option) => {
          const checked = selected.includes(option.code);
          return (
            <label key={option.code} className="checklist-item">
              <input
                type="checkbox"
                checked={checked}
                aria-invalid={error ? true : undefined}
                onChange={() =>
                  onChange(
                    checked
                      ? selected.filter((code) => code !== option.code)
                      : inOrder([...selected, option.code]),
                  )
                }
              />
              <span>
                {option.name}
                {option.detail && <span className="checklist-detail"> · {option.detail}</span>}
              </span>
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

/** The 38 provinces; none chosen means all of Indonesia. */
function ProvincePicker(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <PlaceChecklist
      {...props}
      options={PROVINCES}
      legend={t("campaigns.audience.provinces")}
      hint={t("campaigns.audience.provincesHint")}
      searchLabel={t("campaigns.audience.provinceSearch")}
      noMatch={t("campaigns.audience.provinceNoMatch")}
    />
  );
}

const provinceNames = new Map(PROVINCES.map((province) => [province.code, province.name]));

/**
 * Any of the 514 regencies and cities, each with its province; once provinces are chosen, only
 * theirs, since a city outside them would be refused (CITY_OUTSIDE_PROVINCES).
 */
function CityPicker({ provinces, ...props }: PickerProps & { provinces: string[] }) {
  const { t } = useTranslation();
  const chosen = new Set(provinces);
  const options = CITIES.filter((city) => chosen.size === 0 || chosen.has(city.provinceCode)).map((city) => ({
    code: city.code,
    name: city.name,
    detail: provinceNames.get(city.provinceCode),
  }));
  return (
    <PlaceChecklist
      {...props}
      options={options}
      legend={t("campaigns.audience.cities")}
      hint={t(provinces.length === 0 ? "campaigns.audience.citiesAnywhere" : "campaigns.audience.citiesHint")}
      searchLabel={t("campaigns.audience.citySearch")}
      noMatch={t("campaigns.audience.cityNoMatch")}
    />
  );
}
