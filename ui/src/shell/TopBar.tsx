import { forwardRef } from "react";
import { useTranslation } from "react-i18next";

import { CloseIcon, SearchIcon } from "../components/Icons";
import { LanguageSelect } from "../features/settings/LanguageSelect";

type TopBarProps = { query: string; onQueryChange: (query: string) => void };

export const TopBar = forwardRef<HTMLInputElement, TopBarProps>(function TopBar({ query, onQueryChange }, ref) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <div className="search" role="search">
        <SearchIcon size={15} className="search-icon" />
        <input
          ref={ref}
          type="search"
          className="search-input"
          value={query}
          placeholder={t("search.placeholder")}
          aria-label={t("search.label")}
          onChange={(e) => onQueryChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape" && query) {
              e.preventDefault();
              onQueryChange("");
            }
          }}
          spellCheck={false}
          autoComplete="off"
          data-testid="search-input"
        />
        {query ? (
          <button type="button" className="icon-button search-clear" aria-label={t("search.clear")} onClick={() => onQueryChange("")}>
            <CloseIcon size={13} />
          </button>
        ) : (
          <kbd className="search-kbd" aria-hidden="true">
            /
          </kbd>
        )}
      </div>
      <span className="spacer" />
      <LanguageSelect compact />
    </header>
  );
});
