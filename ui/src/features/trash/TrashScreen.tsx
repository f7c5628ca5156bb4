import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { cleaning, customers, type CustomerSummary } from "../../api";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { RestoreIcon, TrashIcon } from "../../components/Icons";
import { KindIcon } from "../../components/KindIcon";
import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";
import { formatTimestamp } from "../../lib/dates";
import { PAGE_SIZE } from "../customers/pagedList";
import { usePagedList } from "../customers/usePagedList";

const ROW_HEIGHT = 44;

type Confirm = { kind: "purge"; row: CustomerSummary } | { kind: "empty"; count: number };

/** Deleted customers: restore them, delete one for good, or empty the Trash. */
export function TrashScreen() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [list, snapshot] = usePagedList("trash");
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const total = snapshot.total;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 1000, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const start = items[0]?.index ?? 0;
  const end = items[items.length - 1]?.index ?? 0;
  const ensure = useCallback((s: number, e: number) => list.ensure(s, e + Math.floor(PAGE_SIZE / 4)), [list]);
  useEffect(() => ensure(start, end), [ensure, start, end]);

  const run = async (id: string | null, action: () => Promise<string>) => {
    setBusyId(id);
    try {
      const message = await action();
      toast({ message, tone: "success" });
    } catch (error) {
      toast({ message: (t) => errorText(t, error), tone: "error" });
    } finally {
      setBusyId(null);
    }
  };

  // A customer merged into another comes back by undoing the merge, which also moves its
  // phones, interactions, orders and complaints back; a plain restore would leave them behind.
  const restore = (row: CustomerSummary) =>
    run(row.id, async () => {
      const merge = await cleaning.mergeOfCustomer(row.id);
      if (merge) {
        await cleaning.undo(merge.id);
        return t("data.trashUndone", { name: row.name, survivor: merge.survivor_name });
      }
      await customers.restore(row.id);
      return t("trash.restored", { name: row.name });
    });

  const onConfirm = async () => {
    if (!confirm) return;
    if (confirm.kind === "purge") {
      const row = confirm.row;
      await run(row.id, async () => {
        await customers.purge(row.id);
        return t("trash.purged", { name: row.name });
      });
    } else {
      await run(null, async () => {
        const count = await customers.emptyTrash();
        return t("trash.emptied", { count });
      });
    }
    setConfirm(null);
  };

  return (
    <div className="trash-screen">
      <section className="list-pane">
        <header className="pane-header">
          <div className="pane-title">
            <h1>{t("trash.title")}</h1>
            {total !== null && (
              <span className="count-pill" data-testid="trash-count">
                {t("trash.count", { count: total })}
              </span>
            )}
          </div>
          <button
            type="button"
            className="button button-danger-quiet"
            disabled={!total}
            onClick={() => total && setConfirm({ kind: "empty", count: total })}
            data-testid="empty-trash"
          >
            <TrashIcon size={15} /> {t("actions.emptyTrash")}
          </button>
        </header>

        {snapshot.error !== null && <ErrorBanner error={snapshot.error} onRetry={() => list.retry()} />}

        {total === null && snapshot.error === null ? (
          <div className="state state-loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t("list.loading")}
          </div>
        ) : total === 0 ? (
          <div className="state state-empty" data-testid="trash-empty">
            <div className="state-icon">
              <TrashIcon size={28} />
            </div>
            <h2>{t("trash.empty")}</h2>
            <p>{t("trash.emptyBody")}</p>
          </div>
        ) : (
          <div className="table-scroll trash-list" ref={scrollRef} role="list" aria-label={t("trash.label")}>
            <div className="table-canvas" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const row = list.row(item.index);
                const style = { height: item.size, transform: `translateY(${item.start}px)` };
                if (!row) {
                  return (
                    <div key={item.key} className="trash-row row-placeholder" style={style} role="listitem">
                      <span className="skeleton" aria-label={t("list.rowLoading")} />
                    </div>
                  );
                }
                return (
                  <div key={row.id} className="trash-row" style={style} role="listitem" data-testid="trash-row" data-id={row.id}>
                    <KindIcon kind={row.kind} />
                    <span className="trash-name">{row.name}</span>
                    <span className="trash-company muted">{row.company_name}</span>
                    <span className="trash-when muted">
                      {row.deleted_at ? t("trash.deletedAt", { date: formatTimestamp(row.deleted_at, i18n.language) }) : ""}
                    </span>
                    <span className="trash-actions">
                      <button
                        type="button"
                        className="button button-small"
                        disabled={busyId === row.id}
                        onClick={() => void restore(row)}
                        data-testid="restore-customer"
                      >
                        <RestoreIcon size={14} /> {t("actions.restore")}
                      </button>
                      <button
                        type="button"
                        className="button button-small button-danger-quiet"
                        disabled={busyId === row.id}
                        onClick={() => setConfirm({ kind: "purge", row })}
                        data-testid="purge-customer"
                      >
                        {t("actions.purge")}
                      </button>
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </section>

      {confirm?.kind === "purge" && (
        <ConfirmDialog
          title={t("trash.confirmPurgeTitle", { name: confirm.row.name })}
          body={t("trash.confirmPurgeBody")}
          confirmLabel={t("actions.purge")}
          danger
          onConfirm={onConfirm}
          onCancel={() => setConfirm(null)}
        />
      )}
      {confirm?.kind === "empty" && (
        <ConfirmDialog
          title={t("trash.confirmEmptyTitle")}
          body={t("trash.confirmEmptyBody", { count: confirm.count })}
          confirmLabel={t("actions.emptyTrash")}
          danger
          onConfirm={onConfirm}
          onCancel={() => setConfirm(null)}
        />
      )}
    </div>
  );
}
