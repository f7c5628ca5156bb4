import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { Occurrence } from "../../api";

/** At most this many chips in a day, however tall the cell. */
export const MAX_CHIPS = 3;
/** One chip line: 18 px glyph box (CJK needs it whole) + 2 px gap. */
const CHIP_LINE = 20;

/**
 * How many chips a day shows when `lines` chip lines fit under its number and label (the
 * "+N" for the rest sits beside the number, so it takes no line). Never squeezed: a chip that
 * would not have its full height is not drawn.
 */
export function chipsShown(count: number, lines: number): number {
  return Math.max(0, Math.min(count, lines, MAX_CHIPS));
}

type MonthCellProps = {
  date: string;
  className: string;
  selected: boolean;
  head: ReactNode;
  /** The lunar day or festival under the number (empty: none). */
  label: string;
  festive: boolean;
  chips: Occurrence[];
  zh: boolean;
  onSelect: (date: string) => void;
};

/** One day of the month grid: number, 休/班, lunar day or festival, and as many chips as fit. */
export function MonthCell({ date, className, selected, head, label, festive, chips, zh, onSelect }: MonthCellProps) {
  const { t, i18n } = useTranslation();
  const cell = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  // Lines that fit below the label; measured, because the grid's rows share the window height.
  const [lines, setLines] = useState(MAX_CHIPS + 1);
  useLayoutEffect(() => {
    const box = cell.current;
    const ul = list.current;
    if (!box || !ul || typeof ResizeObserver === "undefined") return;
    const measure = () => {
      const padding = parseFloat(getComputedStyle(box).paddingBottom) || 0;
      const room = box.getBoundingClientRect().bottom - ul.getBoundingClientRect().top - padding;
      setLines(Math.max(0, Math.floor((room + 2) / CHIP_LINE)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  const shown = chipsShown(chips.length, lines);
  const hidden = chips.length - shown;

  return (
    <div
      ref={cell}
      className={className}
      role="gridcell"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      data-testid="month-day"
      data-date={date}
      onClick={() => onSelect(date)}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") onSelect(date);
      }}
    >
      <div className="month-cell-head">
        {head}
        {hidden > 0 && (
          // Opens the day in the panel beside the grid, where every item is listed.
          <button
            type="button"
            className="month-more"
            data-testid="month-more"
            title={t("agenda.month.moreTitle", { count: hidden })}
            aria-label={t("agenda.month.moreTitle", { count: hidden })}
            tabIndex={-1}
            onClick={(e) => {
              e.stopPropagation();
              onSelect(date);
            }}
          >
            {t("agenda.month.more", { count: hidden })}
          </button>
        )}
      </div>
      {label && (
        <div className={`month-lunar${festive ? " month-festival" : ""}`} data-testid="month-lunar" title={label}>
          {label}
        </div>
      )}
      <ul className="month-chips" ref={list}>
        {chips.slice(0, shown).map((o) =>
          o.kind === "revisit_group" ? (
            <li key={o.key} className="month-chip month-chip-revisit month-chip-group" data-testid="month-group" title={zh ? o.title_zh : o.title}>
              {t("agenda.group.chip", { formatted: (o.count ?? 0).toLocaleString(i18n.language) })}
            </li>
          ) : (
            <li
              key={o.key}
              className={`month-chip month-chip-${o.kind}${o.status ? " month-chip-muted" : ""}`}
              data-testid="month-chip"
              title={zh ? o.title_zh : o.title}
            >
              {o.customer_name ?? (zh ? o.title_zh : o.title)}
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
