import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { orders, type Order, events, touches, touchesCustomer } from "../../api";
import { TrashIcon } from "../../components/Icons";
import { formatMoney } from "../../lib/money";
import { formatDay } from "./format";
import { RecordTab } from "./RecordTab";
import { useRecordTrash } from "./useRecordTrash";

const PAGE = 100;

type Loaded = { key: string; items: Order[]; total: number; error: unknown };

/** One customer's orders, newest first, each with the total the core computed. */
export function OrdersTab({ customerId, onNew, onOpen }: { customerId: string; onNew: () => void; onOpen: (order: Order) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [version, setVersion] = useState(0);
  const [limit, setLimit] = useState(PAGE);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const trash = useRecordTrash();
  const key = `${customerId}:${version}:${limit}`;

  useEffect(
    () =>
      events.onBookChanged((c) => {
        if (touchesCustomer(c, customerId) && touches(c, "orders", "order_lines", "products")) setVersion((v) => v + 1);
      }),
    [customerId],
  );

  useEffect(() => {
    let current = true;
    orders.list(customerId, "live", 0, limit).then(
      (page) => current && setLoaded({ key, items: page.items, total: page.total, error: null }),
      (error: unknown) => current && setLoaded({ key, items: [], total: 0, error }),
    );
    return () => {
      current = false;
    };
  }, [customerId, limit, key]);

  const state = loaded && loaded.key.startsWith(`${customerId}:`) ? loaded : null;

  return (
    <RecordTab
      testId="orders-tab"
      summary={<span className="muted">{state ? t("orders.count", { count: state.total }) : ""}</span>}
      newLabel={t("orders.new")}
      newTestId="new-order"
      onNew={onNew}
      error={state?.error}
      onRetry={() => setVersion((v) => v + 1)}
      empty={state && state.items.length === 0 && !state.error ? { title: t("orders.empty"), hint: t("orders.emptyHint") } : null}
    >
      <ul className="record-list">
        {state?.items.map((o) => (
          <li key={o.id} className="record" data-testid="order-row" data-id={o.id}>
            <button type="button" className="record-open" onClick={() => onOpen(o)}>
              <span className="record-line">
                <span className="record-title">{o.lines.map((l) => l.description).join("、") || t("orders.lines")}</span>
                <span className="money num" data-testid="order-row-total">
                  {formatMoney(o.total, o.currency, locale)}
                </span>
              </span>
              <span className="record-line record-sub">
                <span>{formatDay(o.ordered_on, locale)}</span>
                <span className={`status status-${o.status}`}>{t(`orders.statuses.${o.status}`)}</span>
                {o.expected_return_pct !== null && <span>{t("orders.expectedReturnShort", { pct: o.expected_return_pct })}</span>}
                {o.stop_loss_pct !== null && <span>{t("orders.stopLossShort", { pct: o.stop_loss_pct })}</span>}
              </span>
            </button>
            <button
              type="button"
              className="icon-button record-delete"
              aria-label={t("actions.delete")}
              title={t("actions.delete")}
              onClick={() => void trash(() => orders.delete(o.id), () => orders.restore(o.id), { deleted: (t) => t("orders.deleted"), restored: (t) => t("orders.restored") })}
              data-testid="order-delete"
            >
              <TrashIcon size={14} />
            </button>
          </li>
        ))}
      </ul>
      {state && state.total > state.items.length && (
        <button type="button" className="button button-small story-more" onClick={() => setLimit((l) => l + PAGE)}>
          {t("timeline.loadMore")}
        </button>
      )}
    </RecordTab>
  );
}
