import { useTranslation } from "react-i18next";

import { LOCALES, isLocale } from "../../i18n";
import { useLocale } from "./locale";

/** 简体中文 / English. Each option is written in its own language. */
export function LanguageSelect({ testId = "lang-select", compact = false }: { testId?: string; compact?: boolean }) {
  const { t } = useTranslation();
  const { locale, setLocale } = useLocale();
  return (
    <select
      className={compact ? "select select-compact" : "select"}
      value={locale}
      aria-label={t("language.label")}
      onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}
      data-testid={testId}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l}>
          {t(`language.${l}`)}
        </option>
      ))}
    </select>
  );
}
