import { useCallback, useEffect, useEffectEvent, useState } from "react";
import { useTranslation } from "react-i18next";

import { BY_NAME, type Customer, type CustomerSummary, type ListSort, type Segment, type SegmentFilter } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { PlusIcon, SearchIcon } from "../../components/Icons";
import { formatTimestamp } from "../../lib/dates";
import { isModalOpen, isTypingTarget } from "../../lib/keyboard";
import { SEARCH_LIMIT, useSearch } from "../search/useSearch";
import { BulkBar } from "./BulkBar";
import { CustomerDetail } from "./CustomerDetail";
import { CustomerTable } from "./CustomerTable";
import { EmptyBook } from "./EmptyBook";
import { FilterPanel } from "./FilterPanel";
import { PAGE_SIZE } from "./pagedList";
import { SegmentPicker } from "./SegmentPicker";
import { conditionCount, emptyFilter, filterKey } from "./segmentFilter";
import { useMoveToTrash } from "./useCustomerActions";
import { useFilteredList } from "./useFilteredList";
import { useSelection } from "./useSelection";

type CustomersScreenProps = {
  /** The search box's text: while it has any, search results replace the list. */
  query: string;
  openedId: string | null;
  onOpenedChange: (id: string | null) => void;
  onNew: () => void;
  onEdit: (customer: Customer) => void;
  /** Export the checked customers. */
  onExport?: (ids: string[]) => void;
  /** The empty book's other ways in: import a list, restore a backup. */
  onImport?: () => void;
  onRestore?: () => void;
  /** The chosen segment and filter, kept by the app so they survive a visit to another screen. */
  choice?: ListChoice;
  onChoiceChange?: (choice: ListChoice) => void;
};

export type ListChoice = { filter: SegmentFilter; segment: Segment | null; sort?: ListSort };

export function CustomersScreen({
  query,
  openedId,
  onOpenedChange,
  onNew,
  onEdit,
  onExport,
  onImport,
  onRestore,
  choice,
  onChoiceChange,
}: CustomersScreenProps) {
  const { t, i18n } = useTranslation();
  // The list pages through the filter's matches (the whole book when no condition is set).
  const [ownChoice, setOwnChoice] = useState<ListChoice>(() => ({ filter: emptyFilter(), segment: null }));
  const { filter, segment, sort = BY_NAME } = choice ?? ownChoice;
  const setChoice = (next: ListChoice) => (onChoiceChange ? onChoiceChange(next) : setOwnChoice(next));
  const setFilter = (next: SegmentFilter) => setChoice({ filter: next, segment, sort });
  const setSort = (next: ListSort) => setChoice({ filter, segment, sort: next });
  const [filterOpen, setFilterOpen] = useState(false);
  const [list, snapshot] = useFilteredList(filter, sort);
  const checked = useSelection(filter, sort);
  const conditions = conditionCount(filter);
  const filtered = conditions > 0;
  const found = useSearch(query);
  const searching = found.active;
  const hits = found.hits ?? [];

  // Selection belongs to what is shown: the list, or the results for one query.
  const mode = searching ? `search:${query.trim()}` : `list:${filterKey(filter)}:${sort.column}:${sort.descending}`;
  const [selection, setSelection] = useState<{ mode: string; index: number } | null>(null);
  const count = searching ? hits.length : (snapshot.total ?? 0);
  let selectedIndex = selection?.mode === mode ? selection.index : searching && hits.length > 0 ? 0 : null;
  if (selectedIndex !== null) selectedIndex = count === 0 ? null : Math.min(selectedIndex, count - 1);

  const getRow = (index: number): CustomerSummary | undefined => (searching ? hits[index] : list.row(index));

  const onRangeChange = useCallback(
    (start: number, end: number) => list.ensure(start, end + Math.floor(PAGE_SIZE / 4)),
    [list],
  );

  const moveToTrash = useMoveToTrash(
    useCallback((id: string) => openedId === id && onOpenedChange(null), [openedId, onOpenedChange]),
  );

  const select = (index: number) => setSelection({ mode, index });
  const open = (index: number) => {
    const row = getRow(index);
    if (row) onOpenedChange(row.id);
  };

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (isModalOpen() || event.defaultPrevented) return;
    const inSearch = event.target instanceof HTMLElement && event.target.dataset.testid === "search-input";
    if (isTypingTarget(event.target) && !inSearch) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const current = selectedIndex;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (count === 0) return;
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        const next = current === null ? 0 : Math.max(0, Math.min(count - 1, current + step));
        select(next);
        break;
      }
      case "Enter":
        if (current !== null) {
          event.preventDefault();
          open(current);
        }
        break;
      case "Delete": {
        if (inSearch || current === null) return;
        const row = getRow(current);
        if (row) {
          event.preventDefault();
          void moveToTrash(row);
        }
        break;
      }
      case "Escape":
        if (!inSearch && openedId) {
          event.preventDefault();
          onOpenedChange(null);
        }
        break;
    }
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const loading = !searching && snapshot.total === null && snapshot.error === null;
  const bookEmpty = !searching && !filtered && snapshot.total === 0;
  const filterEmpty = !searching && filtered && snapshot.total === 0;
  const pick = (s: Segment | null) => {
    setChoice({ segment: s, filter: s ? s.filter : emptyFilter(), sort });
  };
  const ambiguous = searching ? sharedNames(hits) : undefined;
  const noMatches = searching && found.hits !== null && hits.length === 0 && !found.pending;

  return (
    <div className={`customers-screen${openedId ? " with-detail" : ""}`}>
      <section className="list-pane">
        <header className="pane-header">
          <div className="pane-title">
            <h1>{t("nav.customers")}</h1>
            {searching ? (
              <span className="count-pill" data-testid="search-count" aria-live="polite">
                {found.hits === null
                  ? t("search.searching")
                  : hits.length >= SEARCH_LIMIT
                    ? t("search.matchesLimited", { count: hits.length })
                    : t("search.matches", { count: hits.length })}
              </span>
            ) : (
              snapshot.total !== null && (
                <span className="count-pill" data-testid="customer-count">
                  {t("list.count", { count: snapshot.total })}
                </span>
              )
            )}
          </div>
          <div className="pane-actions">
            {!searching && <SegmentPicker filter={filter} active={segment} onPick={pick} />}
            {!searching && (
              <button
                type="button"
                className={`button button-small${filtered ? " button-active" : ""}`}
                aria-expanded={filterOpen}
                onClick={() => setFilterOpen((o) => !o)}
                data-testid="filter-toggle"
              >
                {filtered ? t("segments.filterActive", { count: conditions }) : t("segments.filter")}
              </button>
            )}
            {/* Icon-only in a narrow list (detail panel open at 1024 px): the name stays in title/aria-label. */}
            <button
              type="button"
              className="button button-primary new-customer"
              onClick={onNew}
              title={t("actions.new")}
              aria-label={t("actions.new")}
              data-testid="new-customer"
            >
              <PlusIcon size={15} /> <span className="new-customer-label">{t("actions.new")}</span>
            </button>
          </div>
        </header>

        {filterOpen && !searching && (
          <FilterPanel
            key={filterKey(filter)}
            filter={filter}
            onApply={(next, done) => {
              setFilter(next);
              // Applied: the panel gives the screen back to the list it narrowed.
              if (done) setFilterOpen(false);
            }}
            onClose={() => setFilterOpen(false)}
          />
        )}
        {!searching && filter.written_at && (
          <div className="imported-view" role="status" data-testid="imported-view">
            <span title={t("list.imported", { time: formatTimestamp(filter.written_at, i18n.language) })}>
              {t("list.imported", { time: formatTimestamp(filter.written_at, i18n.language) })}
            </span>
            <button
              type="button"
              className="button button-small"
              onClick={() => setFilter({ ...filter, written_at: null })}
              data-testid="imported-view-clear"
            >
              {t("list.importedClear")}
            </button>
          </div>
        )}
        {!searching && checked.ids.size > 0 && <BulkBar ids={checked.ids} segment={segment} onDone={checked.clear} onExport={onExport} />}

        {snapshot.error !== null && !searching && <ErrorBanner error={snapshot.error} onRetry={() => list.retry()} />}
        {found.error !== null && <ErrorBanner error={found.error} />}

        {loading ? (
          <div className="state state-loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t("list.loading")}
          </div>
        ) : bookEmpty ? (
          <EmptyBook onNew={onNew} onImport={onImport} onRestore={onRestore} />
        ) : filterEmpty ? (
          <div className="state state-empty" data-testid="filter-empty">
            <div className="state-icon">
              <SearchIcon size={26} />
            </div>
            <h2>{t("segments.empty")}</h2>
            <p>{t("segments.emptyHint")}</p>
            <button type="button" className="button" onClick={() => pick(null)} data-testid="filter-empty-clear">
              {t("segments.clear")}
            </button>
          </div>
        ) : noMatches ? (
          <div className="state state-empty" data-testid="search-empty">
            <div className="state-icon">
              <SearchIcon size={26} />
            </div>
            <h2>{t("search.empty")}</h2>
            <p>{t("search.emptyHint")}</p>
          </div>
        ) : (
          <CustomerTable
            key={searching ? "search" : mode}
            count={count}
            getRow={getRow}
            onRangeChange={searching ? undefined : onRangeChange}
            selectedIndex={selectedIndex}
            openedId={openedId}
            onSelect={select}
            onOpen={open}
            label={t("list.label")}
            sort={searching ? undefined : sort}
            onSort={searching ? undefined : setSort}
            ambiguous={ambiguous}
            check={
              searching
                ? undefined
                : {
                    isChecked: (id) => checked.ids.has(id),
                    onCheck: (index, id, range) => void checked.check(index, id, range),
                    all:
                      checked.ids.size === 0
                        ? false
                        : checked.ids.size >= (snapshot.total ?? Infinity)
                          ? true
                          : "some",
                    onCheckAll: () => void checked.toggleAll(snapshot.total ?? 0),
                  }
            }
          />
        )}
        <footer className="pane-footer">{t("list.shortcuts")}</footer>
      </section>

      {openedId && (
        <CustomerDetail
          id={openedId}
          onClose={() => onOpenedChange(null)}
          onOpen={(id) => onOpenedChange(id)}
          onEdit={onEdit}
          onDelete={(customer) => void moveToTrash(customer)}
        />
      )}
    </div>
  );
}

/** Ids of results whose name another result shares (three 张伟): they need telling apart. */
function sharedNames(hits: CustomerSummary[]): Set<string> {
  const byName = new Map<string, number>();
  for (const h of hits) byName.set(h.name, (byName.get(h.name) ?? 0) + 1);
  return new Set(hits.filter((h) => (byName.get(h.name) ?? 0) > 1).map((h) => h.id));
}
