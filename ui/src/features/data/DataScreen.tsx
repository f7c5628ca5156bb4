import { useState } from "react";
import { useTranslation } from "react-i18next";

import { DuplicatesPanel } from "./DuplicatesPanel";
import { ExportPanel } from "./ExportPanel";
import "./data.css";

const TABS = ["export", "duplicates"] as const;
type Tab = (typeof TABS)[number];

type DataScreenProps = {
  /** Customers checked in the list and sent here to export (the list's bulk bar). */
  selection?: readonly string[];
};

/** 数据: export the book, and clean it (duplicates, merge, undo). */
export function DataScreen({ selection = [] }: DataScreenProps) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>("export");
  return (
    <div className="settings-screen data-screen">
      <header className="pane-header">
        <div className="pane-title">
          <h1>{t("data.title")}</h1>
        </div>
      </header>
      <div className="data-tabs" role="tablist" aria-label={t("data.tabs")}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`data-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`data-panel-${id}`}
            className={`story-tab-button${tab === id ? " story-tab-on" : ""}`}
            onClick={() => setTab(id)}
            data-testid={`data-tab-${id}`}
          >
            {t(`data.tab.${id}`)}
          </button>
        ))}
      </div>
      <div className="settings-body" role="tabpanel" id={`data-panel-${tab}`} aria-labelledby={`data-tab-${tab}`}>
        {tab === "export" ? <ExportPanel selection={selection} /> : <DuplicatesPanel />}
      </div>
    </div>
  );
}
