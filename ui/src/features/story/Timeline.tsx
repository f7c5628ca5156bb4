import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { interactions, timeline, TIMELINE_PAGE, type ChangeEntry, type Complaint, type Interaction, type Order, type TimelineItem, events, touchesCustomer } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { EditIcon, TrashIcon } from "../../components/Icons";
import { formatTimestamp } from "../../lib/dates";
import { formatMoney } from "../../lib/money";
import { formatDay } from "./format";
import { BagIcon, FlagIcon, InteractionKindIcon, PencilLineIcon } from "./StoryIcons";
import { useRecordTrash } from "./useRecordTrash";

type TimelineState = { items: TimelineItem[]; next: string | null; done: boolean; loading: boolean; error: unknown };

const START: TimelineState = { items: [], next: null, done: false, loading: true, error: null };

type TimelineProps = {
  customerId: string;
  onEditInteraction: (interaction: Interaction) => void;
  onOpenOrder: (order: Order) => void;
  onOpenComplaint: (complaint: Complaint) => void;
};

/** Everything about one customer, newest first, fetched a page at a time as it scrolls. */
export function Timeline({ customerId, onEditInteraction, onOpenOrder, onOpenComplaint }: TimelineProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<TimelineState>(START);
  const [generation, setGeneration] = useState(0);
  const busy = useRef(false);
  const sentinel = useRef<HTMLDivElement>(null);
  const trash = useRecordTrash();

  // Start over from the newest whenever the story or the customer changes.
  useEffect(() => {
    const reload = () => setGeneration((g) => g + 1);
    const off = events.onBookChanged((c) => {
      if (touchesCustomer(c, customerId)) reload();
    });
    return () => {
      off();
    };
  }, [customerId]);

  useEffect(() => {
    let current = true;
    busy.current = true;
    timeline.list(customerId, TIMELINE_PAGE, null).then(
      (page) => current && setState({ items: page.items, next: page.next_before, done: page.next_before === null, loading: false, error: null }),
      (error: unknown) => current && setState({ ...START, loading: false, error }),
    );
    return () => {
      current = false;
      busy.current = false;
    };
  }, [customerId, generation]);

  useEffect(() => {
    if (!state.loading) busy.current = false;
  }, [state.loading]);

  const loadMore = useCallback(() => {
    if (busy.current || state.done || !state.next) return;
    busy.current = true;
    setState((s) => ({ ...s, loading: true }));
    const before = state.next;
    timeline.list(customerId, TIMELINE_PAGE, before).then(
      (page) =>
        setState((s) =>
          s.next !== before
            ? s
            : { items: [...s.items, ...page.items], next: page.next_before, done: page.next_before === null, loading: false, error: null },
        ),
      (error: unknown) => setState((s) => ({ ...s, loading: false, error })),
    );
  }, [customerId, state.done, state.next]);

  // Infinite paging: fetch the next page when the end of the list scrolls into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMore(), { rootMargin: "200px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [loadMore]);

  const removeInteraction = (i: Interaction) =>
    void trash(
      () => interactions.delete(i.id),
      () => interactions.restore(i.id),
      { deleted: (t) => t("interactions.deleted"), restored: (t) => t("interactions.restored") },
    );

  if (!state.loading && !state.error && state.items.length === 0) {
    return (
      <div className="story-empty" data-testid="timeline-empty">
        <p className="story-empty-title">{t("timeline.empty")}</p>
        <p className="muted">{t("timeline.emptyHint")}</p>
      </div>
    );
  }

  return (
    <div className="timeline" aria-label={t("timeline.label")} data-testid="timeline">
      {state.error !== null && <ErrorBanner error={state.error} onRetry={() => setGeneration((g) => g + 1)} />}
      <ol className="timeline-list">
        {state.items.map((item) => (
          <TimelineEntry
            key={entryKey(item)}
            item={item}
            onEditInteraction={onEditInteraction}
            onDeleteInteraction={removeInteraction}
            onOpenOrder={onOpenOrder}
            onOpenComplaint={onOpenComplaint}
          />
        ))}
      </ol>
      <div ref={sentinel} className="timeline-end">
        {state.loading ? (
          <span className="muted">{t("timeline.loading")}</span>
        ) : state.done ? (
          <span className="muted">{t("timeline.end")}</span>
        ) : (
          <button type="button" className="button button-small" onClick={loadMore} data-testid="timeline-more">
            {t("timeline.loadMore")}
          </button>
        )}
      </div>
    </div>
  );
}

function entryKey(item: TimelineItem): string {
  switch (item.type) {
    case "interaction":
      return `i:${item.interaction.id}`;
    case "order":
      return `o:${item.order.id}`;
    case "complaint":
      return `c:${item.complaint.id}`;
    case "edit":
      return `e:${item.change.seq}`;
  }
}

type EntryProps = {
  item: TimelineItem;
  onEditInteraction: (interaction: Interaction) => void;
  onDeleteInteraction: (interaction: Interaction) => void;
  onOpenOrder: (order: Order) => void;
  onOpenComplaint: (complaint: Complaint) => void;
};

function TimelineEntry({ item, onEditInteraction, onDeleteInteraction, onOpenOrder, onOpenComplaint }: EntryProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const common = { className: `timeline-item timeline-${item.type}`, "data-testid": "timeline-item", "data-type": item.type };

  switch (item.type) {
    case "interaction": {
      const i = item.interaction;
      return (
        <li {...common} data-id={i.id}>
          <span className="timeline-icon">
            <InteractionKindIcon kind={i.kind} />
          </span>
          <div className="timeline-main">
            <div className="timeline-head">
              <span className="timeline-kind">{t(`interactions.kind.${i.kind}`)}</span>
              <time className="timeline-time" dateTime={i.occurred_at}>
                {formatTimestamp(i.occurred_at, locale)}
              </time>
              <span className="timeline-actions">
                <button type="button" className="icon-button" aria-label={t("actions.edit")} title={t("actions.edit")} onClick={() => onEditInteraction(i)} data-testid="timeline-edit">
                  <EditIcon size={13} />
                </button>
                <button type="button" className="icon-button" aria-label={t("actions.delete")} title={t("actions.delete")} onClick={() => onDeleteInteraction(i)} data-testid="timeline-delete">
                  <TrashIcon size={13} />
                </button>
              </span>
            </div>
            <p className="timeline-summary selectable">{i.summary}</p>
            {i.outcome && (
              <p className="timeline-note">
                <span className="timeline-note-label">{t("timeline.outcome")}</span> {i.outcome}
              </p>
            )}
            {i.next_step && (
              <p className="timeline-note">
                <span className="timeline-note-label">{t("timeline.nextStep")}</span> {i.next_step}
              </p>
            )}
            {i.follow_up_on && <span className="chip chip-small timeline-followup">{t("timeline.followUp", { date: formatDay(i.follow_up_on, locale) })}</span>}
          </div>
        </li>
      );
    }
    case "order": {
      const o = item.order;
      return (
        <li {...common} data-id={o.id}>
          <span className="timeline-icon timeline-icon-order">
            <BagIcon size={14} />
          </span>
          <div className="timeline-main">
            <div className="timeline-head">
              <button type="button" className="link timeline-kind" onClick={() => onOpenOrder(o)}>
                {t("timeline.order", { count: o.lines.length })}
              </button>
              <time className="timeline-time" dateTime={o.ordered_on}>
                {formatDay(o.ordered_on, locale)}
              </time>
            </div>
            <p className="timeline-summary">
              <span className="money num">{formatMoney(o.total, o.currency, locale)}</span>
              <span className={`status status-${o.status}`}>{t(`orders.statuses.${o.status}`)}</span>
              <span className="muted timeline-lines">{o.lines.map((l) => l.description).join("、")}</span>
            </p>
          </div>
        </li>
      );
    }
    case "complaint": {
      const c = item.complaint;
      return (
        <li {...common} data-id={c.id}>
          <span className="timeline-icon timeline-icon-complaint">
            <FlagIcon size={14} />
          </span>
          <div className="timeline-main">
            <div className="timeline-head">
              <button type="button" className="link timeline-kind" onClick={() => onOpenComplaint(c)}>
                {t("timeline.complaint")}
              </button>
              <time className="timeline-time" dateTime={c.opened_on}>
                {formatDay(c.opened_on, locale)}
              </time>
            </div>
            <p className="timeline-summary">
              <span className={`status status-${c.status}`}>{t(`complaints.statuses.${c.status}`)}</span> {c.subject}
              {c.satisfaction !== null && <span className="muted"> · {t("timeline.satisfaction", { count: c.satisfaction })}</span>}
            </p>
          </div>
        </li>
      );
    }
    case "edit":
      return (
        <li {...common}>
          <span className="timeline-icon timeline-icon-edit">
            <PencilLineIcon size={13} />
          </span>
          <div className="timeline-main">
            <div className="timeline-head">
              <span className="timeline-edit-text">
                <EditText change={item.change} />
              </span>
              <time className="timeline-time" dateTime={item.at}>
                {formatTimestamp(item.at, locale)}
              </time>
            </div>
          </div>
        </li>
      );
  }
}

/** Customer fields the journal names, with their label and how to show a stored value. */
function EditText({ change }: { change: ChangeEntry }) {
  const { t } = useTranslation();
  if (change.field === "*") return <>{t("timeline.created")}</>;
  const labels: Record<string, string> = {
    name: t("fields.name"),
    tier: t("fields.tier"),
    customer_type: t("fields.customerType"),
    risk_preference: t("riskPreference.label"),
    owner: t("fields.owner"),
    region: t("fields.region"),
    source: t("fields.source"),
    title: t("fields.title"),
    gender: t("fields.gender"),
    kind: t("fields.kind"),
    notes: t("fields.notes"),
    interests: t("fields.interests"),
    tags: t("fields.tags"),
    birthday: t("fields.birthday"),
    company_id: t("fields.company"),
  };
  const field = labels[change.field] ?? change.field;
  const show = (raw: string | null): string | null => {
    if (raw === null) return null;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return raw;
    }
    if (value === null || value === "") return null;
    if (typeof value !== "string") return Array.isArray(value) ? value.join("、") : JSON.stringify(value);
    if (change.field === "tier" && ["VIP", "A", "B", "C"].includes(value)) return t(`tier.${value as "A"}`);
    if (change.field === "risk_preference") return t(`riskPreference.${value as "balanced"}`, { defaultValue: value });
    if (change.field === "customer_type") return t(`customerType.${value as "loyal"}`, { defaultValue: value });
    return value.length > 60 ? `${value.slice(0, 60)}…` : value;
  };
  const from = show(change.old_value);
  const to = show(change.new_value);
  if (to === null) return <>{t("timeline.cleared", { field })}</>;
  if (from === null) return <>{t("timeline.set", { field, to })}</>;
  return <>{t("timeline.changed", { field, from, to })}</>;
}
