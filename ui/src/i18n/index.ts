import i18n from "i18next";
import { initReactI18next } from "react-i18next";

import en from "./en.json";
import zhCN from "./zh-CN.json";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** localStorage key for the chosen language: read before the first paint. */
export const LOCALE_STORAGE_KEY = "fieldbook.locale";

export const resources = {
  "zh-CN": { translation: zhCN },
  en: { translation: en },
} as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The system language mapped onto ours: any Chinese → 简体中文, everything else → English. */
export function detectLocale(language: string | null | undefined): Locale {
  return language && language.trim().toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export function readStoredLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale | null): void {
  try {
    if (locale) window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    else window.localStorage.removeItem(LOCALE_STORAGE_KEY);
  } catch {
    // Storage may be unavailable (private mode); the settings command still keeps the choice.
  }
}

/** The language for the first paint: the user's stored choice, else the system's. */
export function initialLocale(): Locale {
  return readStoredLocale() ?? detectLocale(typeof navigator === "undefined" ? null : navigator.language);
}

function syncDocumentLang(lng: string) {
  if (typeof document !== "undefined") document.documentElement.lang = lng;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLocale(),
  fallbackLng: "en",
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
syncDocumentLang(i18n.language);
i18n.on("languageChanged", syncDocumentLang);

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : "en";
}

export default i18n;
