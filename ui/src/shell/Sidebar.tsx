import { useTranslation } from "react-i18next";

import { SettingsIcon, TrashIcon, UsersIcon } from "../components/Icons";
import { CalendarIcon } from "../features/agenda/AgendaIcons";
import { DataIcon } from "../features/data/DataIcon";
import { ImportIcon } from "../features/import/ImportIcon";
import { ChartIcon } from "../features/reports/ReportIcons";
import type { Counts } from "../features/customers/useCounts";

export type View = "customers" | "agenda" | "reports" | "import" | "data" | "trash" | "settings";

/** The sidebar's screens in order: Ctrl+1 opens the first, Ctrl+2 the second, … */
export const NAV_ORDER: readonly View[] = ["customers", "agenda", "reports", "import", "data", "trash", "settings"];

type SidebarProps = { view: View; onNavigate: (view: View) => void; counts: Counts; agendaCount?: number | null };

export function Sidebar({ view, onNavigate, counts, agendaCount = null }: SidebarProps) {
  const { t, i18n } = useTranslation();
  const number = (n: number | null) => (n === null ? "" : new Intl.NumberFormat(i18n.language).format(n));
  const items = [
    { id: "customers" as const, label: t("nav.customers"), icon: <UsersIcon size={16} />, count: counts.live },
    { id: "agenda" as const, label: t("agenda.nav"), icon: <CalendarIcon size={16} />, count: agendaCount },
    { id: "reports" as const, label: t("nav.reports"), icon: <ChartIcon size={16} />, count: null },
    { id: "import" as const, label: t("import.nav"), icon: <ImportIcon size={16} />, count: null },
    { id: "data" as const, label: t("data.nav"), icon: <DataIcon size={16} />, count: null },
    { id: "trash" as const, label: t("nav.trash"), icon: <TrashIcon size={16} />, count: counts.trash },
    { id: "settings" as const, label: t("nav.settings"), icon: <SettingsIcon size={16} />, count: null },
  ];
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          簿
        </span>
        <span className="brand-text">
          <span className="brand-title" data-testid="sidebar-title">
            {t("app.title")}
          </span>
          <span className="brand-tagline">{t("app.tagline")}</span>
        </span>
      </div>
      <nav aria-label={t("nav.label")}>
        <ul className="nav">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={`nav-item${view === item.id ? " nav-item-active" : ""}`}
                aria-current={view === item.id ? "page" : undefined}
                onClick={() => onNavigate(item.id)}
                title={t("nav.shortcut", { label: item.label, key: NAV_ORDER.indexOf(item.id) + 1 })}
                aria-keyshortcuts={`Control+${NAV_ORDER.indexOf(item.id) + 1}`}
                data-testid={`nav-${item.id}`}
              >
                {item.icon}
                <span className="nav-label">{item.label}</span>
                {item.count !== null && (
                  <span className="nav-count" data-testid={`nav-${item.id}-count`}>
                    {number(item.count)}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
