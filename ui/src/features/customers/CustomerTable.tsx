import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import type { CustomerSummary, ListSort, SortColumn } from "../../api";
import { KindIcon } from "../../components/KindIcon";
import { TierBadge } from "../../components/TierBadge";
import { todayIso } from "../../lib/day";
import { FollowUpDay } from "./FollowUpDay";
import { formatListDay, localDayOf } from "./listDates";

export const ROW_HEIGHT = 38;

type CustomerTableProps = {
  count: number;
  getRow: (index: number) => CustomerSummary | undefined;
  /** Called with the index range on screen (plus overscan) so pages can be fetched. */
  onRangeChange?: (start: number, end: number) => void;
  selectedIndex: number | null;
  openedId: string | null;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  label: string;
  /** Multi-select (bulk actions): a checkbox in each row and one for all in the header. */
  check?: TableCheck;
  /** The list's order; without `onSort` (search results, ranked) the headers do not sort. */
  sort?: ListSort;
  onSort?: (sort: ListSort) => void;
  /** Ids of rows whose name another row shares: they show company, region and owner. */
  ambiguous?: Set<string>;
};

/** The first click on a column: names A→Z, the longest-silent customers and the most urgent follow-ups first. */
function nextSort(current: ListSort | undefined, column: SortColumn): ListSort {
  if (current?.column === column) return { column, descending: !current.descending };
  return { column, descending: false };
}

export type TableCheck = {
  isChecked: (id: string) => boolean;
  /** `range`: shift-click, from the last checked row to this one. */
  onCheck: (index: number, id: string, range: boolean) => void;
  /** "some" shows the header box as mixed. */
  all: boolean | "some";
  onCheckAll: () => void;
};

/** The customer grid: only rows on screen are in the DOM, whatever the count. */
export function CustomerTable({
  count,
  getRow,
  onRangeChange,
  selectedIndex,
  openedId,
  onSelect,
  onOpen,
  label,
  check,
  sort,
  onSort,
  ambiguous,
}: CustomerTableProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const today = todayIso();
  const header = (column: SortColumn, text: string) => {
    if (!onSort) return text;
    const active = sort?.column === column;
    return (
      <button
        type="button"
        className={`sort-button${active ? " sort-active" : ""}`}
        onClick={() => onSort(nextSort(sort, column))}
        title={t("list.sortBy", { column: text })}
        data-testid={`sort-${column}`}
      >
        <span className="cell-text">{text}</span>
        {active && <span aria-hidden="true">{sort.descending ? "↓" : "↑"}</span>}
      </button>
    );
  };
  const ariaSort = (column: SortColumn) =>
    onSort && sort?.column === column ? (sort.descending ? "descending" : "ascending") : undefined;
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Until the element is measured (and in tests, where nothing has a size).
    initialRect: { width: 1000, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const start = items[0]?.index ?? 0;
  const end = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    onRangeChange?.(start, end);
  }, [onRangeChange, start, end]);

  useEffect(() => {
    if (selectedIndex !== null && selectedIndex < count) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, count, virtualizer]);

  return (
    <div className="table" role="grid" aria-label={label} aria-rowcount={count + 1}>
      <div className="table-head" role="row" aria-rowindex={1}>
        <div role="columnheader" className="cell cell-name" aria-sort={ariaSort("name")}>
          {check && (
            <input
              type="checkbox"
              className="row-check"
              checked={check.all === true}
              ref={(box) => {
                if (box) box.indeterminate = check.all === "some";
              }}
              onChange={check.onCheckAll}
              aria-label={t("bulk.selectAll")}
              data-testid="select-all"
            />
          )}
          {header("name", t("list.columns.name"))}
        </div>
        <div role="columnheader" className="cell cell-company">
          {t("list.columns.company")}
        </div>
        <div role="columnheader" className="cell cell-tier">
          {t("list.columns.tier")}
        </div>
        <div role="columnheader" className="cell cell-phone">
          {t("list.columns.phone")}
        </div>
        <div role="columnheader" className="cell cell-email">
          {t("list.columns.email")}
        </div>
        <div role="columnheader" className="cell cell-contact" aria-sort={ariaSort("last_contact")}>
          {header("last_contact", t("list.columns.lastContact"))}
        </div>
        <div role="columnheader" className="cell cell-follow-up" aria-sort={ariaSort("next_follow_up")}>
          {header("next_follow_up", t("list.columns.nextFollowUp"))}
        </div>
        <div role="columnheader" className="cell cell-tags">
          {t("list.columns.tags")}
        </div>
      </div>
      <div className="table-scroll" ref={scrollRef} data-testid="customer-scroll">
        <div className="table-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = getRow(item.index);
            const style = { height: item.size, transform: `translateY(${item.start}px)` };
            if (!row) {
              return (
                <div key={item.key} className="row row-placeholder" style={style} role="row" aria-rowindex={item.index + 2}>
                  <div role="gridcell" className="cell cell-name">
                    <span className="skeleton" aria-label={t("list.rowLoading")} />
                  </div>
                </div>
              );
            }
            const selected = item.index === selectedIndex;
            const checked = check?.isChecked(row.id) ?? false;
            return (
              <div
                key={row.id}
                className={`row${selected ? " row-selected" : ""}${row.id === openedId ? " row-opened" : ""}${checked ? " row-checked" : ""}`}
                style={style}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                data-testid="customer-row"
                data-id={row.id}
                onClick={(event) => {
                  // Ctrl/Cmd-click and Shift-click pick rows for a bulk action instead of opening.
                  if (check && (event.ctrlKey || event.metaKey || event.shiftKey)) {
                    event.preventDefault();
                    check.onCheck(item.index, row.id, event.shiftKey);
                    return;
                  }
                  onSelect(item.index);
                  onOpen(item.index);
                }}
              >
                <div role="gridcell" className="cell cell-name">
                  {check && (
                    <input
                      type="checkbox"
                      className="row-check"
                      checked={checked}
                      onClick={(event) => {
                        event.stopPropagation();
                        check.onCheck(item.index, row.id, event.shiftKey);
                      }}
                      // The click above does the work (it knows about Shift); React wants a handler.
                      onChange={() => {}}
                      aria-label={t("bulk.selectRow", { name: row.name })}
                      data-testid="row-check"
                    />
                  )}
                  <KindIcon kind={row.kind} />
                  <span className="cell-text name-text">{row.name}</span>
                  {ambiguous?.has(row.id) && (
                    <span className="cell-text name-hint" data-testid="name-hint">
                      {[row.company_name, row.region, row.owner].filter(Boolean).join(" · ")}
                    </span>
                  )}
                </div>
                <div role="gridcell" className="cell cell-company">
                  {row.kind === "organization" ? (
                    // An organization has no company: say what it is and how many people it holds.
                    <span className="cell-text muted" data-testid="org-company">
                      {row.member_count > 0
                        ? t("list.organization", { count: row.member_count })
                        : t("list.organizationEmpty")}
                    </span>
                  ) : (
                    <span className="cell-text">{row.company_name}</span>
                  )}
                </div>
                <div role="gridcell" className="cell cell-tier">
                  <TierBadge tier={row.tier} />
                </div>
                <div role="gridcell" className="cell cell-phone">
                  <span className="cell-text num">{row.phone}</span>
                </div>
                <div role="gridcell" className="cell cell-email">
                  <span className="cell-text">{row.email}</span>
                </div>
                <div role="gridcell" className="cell cell-contact">
                  <span className="cell-text num" data-testid="last-contact">
                    {row.last_contact_at ? formatListDay(localDayOf(row.last_contact_at), locale, today) : ""}
                  </span>
                </div>
                <div role="gridcell" className="cell cell-follow-up">
                  {row.next_follow_up_on && (
                    <FollowUpDay day={row.next_follow_up_on} today={today} locale={locale} />
                  )}
                </div>
                <div role="gridcell" className="cell cell-tags">
                  {row.tags.slice(0, 3).map((tag) => (
                    <span key={tag} className="chip chip-small">
                      {tag}
                    </span>
                  ))}
                  {row.tags.length > 3 && <span className="chip chip-small chip-more">+{row.tags.length - 3}</span>}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
