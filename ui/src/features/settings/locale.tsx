import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { settings } from "../../api";
import { currentLocale, detectLocale, isLocale, storeLocale, type Locale } from "../../i18n";

type LocaleContextValue = { locale: Locale; setLocale: (locale: Locale) => void };

const LocaleContext = createContext<LocaleContextValue | null>(null);

/**
 * The interface language. First paint uses localStorage (or the system language); then the
 * choice kept by the core (`settings_get`) wins. Picking one saves it in both places.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : currentLocale();

  useEffect(() => {
    let current = true;
    settings.get().then(
      (saved) => {
        if (!current) return;
        const wanted = isLocale(saved.locale) ? saved.locale : null;
        storeLocale(wanted);
        const next = wanted ?? detectLocale(navigator.language);
        if (next !== i18n.language) void i18n.changeLanguage(next);
      },
      () => {
        // No core (or it failed): keep the first-paint choice.
      },
    );
    return () => {
      current = false;
    };
  }, [i18n]);

  const setLocale = useCallback(
    (next: Locale) => {
      storeLocale(next);
      void i18n.changeLanguage(next);
      // Keep the other settings as they are: read, change the language, write back.
      settings
        .get()
        .then((current) => settings.update({ ...current, locale: next }))
        .catch(() => {
          // Kept in localStorage anyway; the core gets it next time the user picks.
        });
    },
    [i18n],
  );

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error("useLocale outside LocaleProvider");
  return value;
}
