import { useState } from "react";
import { useTranslation } from "react-i18next";

import { agenda, type OverdueRevisit, type Tier } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { AgendaItem } from "./AgendaItem";
import { RadarIcon } from "./AgendaIcons";
import { isOpen } from "./model";
import { useLoaded } from "./useLoaded";
import { useCopyGreeting, useReminderActions } from "./useReminderActions";

export const RADAR_LIMIT = 200;
const FILTERS = ["all", "VIP", "A", "B", "C", "none"] as const;
type Filter = (typeof FILTERS)[number];

/** Customers past their revisit cadence, latest first, filterable by tier. */
export function Radar({ onOpenCustomer }: { onOpenCustomer: (id: string) => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>("all");
  const loaded = useLoaded(() => agenda.overdueRevisits(RADAR_LIMIT), []);
  const act = useReminderActions((key, change) =>
    loaded.setData((rows) => rows.map((r) => (r.occurrence.key === key ? { ...r, occurrence: change(r.occurrence) } : r))),
  );
  const copy = useCopyGreeting();
  const rows = loaded.data ?? [];
  const tierOf = (r: OverdueRevisit): Filter => r.tier ?? "none";
  const count = (f: Filter) => rows.filter((r) => isOpen(r.occurrence) && (f === "all" || tierOf(r) === f)).length;
  const shown = rows
    .filter((r) => filter === "all" || tierOf(r) === filter)
    .sort((a, b) => b.days_late - a.days_late);

  return (
    <section className="radar" data-testid="radar" aria-labelledby="radar-title">
      <header className="agenda-section-head">
        <h2 id="radar-title">
          <RadarIcon size={15} /> {t("agenda.radar.title")}
        </h2>
        <span className="count-pill">{count("all")}</span>
      </header>
      <p className="muted radar-hint">{t("agenda.radar.hint")}</p>
      <div className="segmented segmented-small" role="group" aria-label={t("agenda.radar.filter")}>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={`segment${filter === f ? " segment-active" : ""}`}
            aria-pressed={filter === f}
            data-testid={`radar-filter-${f}`}
            onClick={() => setFilter(f)}
          >
            {f === "all" ? t("agenda.radar.all") : f === "none" ? t("agenda.radar.noTier") : (f as Tier)}
            <span className="segment-count">{count(f)}</span>
          </button>
        ))}
      </div>
      {loaded.error !== null && <ErrorBanner error={loaded.error} onRetry={loaded.reload} />}
      {loaded.data !== null && shown.length === 0 && <p className="agenda-empty">{t("agenda.radar.empty")}</p>}
      <ul className="agenda-list">
        {shown.map((r) => (
          <AgendaItem
            key={r.occurrence.key}
            occurrence={r.occurrence}
            tier={r.tier}
            daysLate={r.days_late}
            compact
            onAction={(o, a) => void act(o, a)}
            onOpenCustomer={onOpenCustomer}
            onCopyGreeting={(o) => void copy(o)}
          />
        ))}
      </ul>
    </section>
  );
}
