import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { complaints, type Complaint, events, touches, touchesCustomer } from "../../api";
import { TrashIcon } from "../../components/Icons";
import { formatDay } from "./format";
import { RecordTab } from "./RecordTab";
import { StarIcon } from "./StoryIcons";
import { useRecordTrash } from "./useRecordTrash";

type Loaded = { key: string; items: Complaint[]; error: unknown };

export function ComplaintsTab({ customerId, onNew, onOpen }: { customerId: string; onNew: () => void; onOpen: (c: Complaint) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const trash = useRecordTrash();
  const key = `${customerId}:${version}`;

  useEffect(
    () =>
      events.onBookChanged((c) => {
        if (touchesCustomer(c, customerId) && touches(c, "complaints")) setVersion((v) => v + 1);
      }),
    [customerId],
  );

  useEffect(() => {
    let current = true;
    complaints.list(customerId, "live").then(
      (items) => current && setLoaded({ key, items, error: null }),
      (error: unknown) => current && setLoaded({ key, items: [], error }),
    );
    return () => {
      current = false;
    };
  }, [customerId, key]);

  const state = loaded && loaded.key.startsWith(`${customerId}:`) ? loaded : null;

  return (
    <RecordTab
      testId="complaints-tab"
      newLabel={t("complaints.new")}
      newTestId="new-complaint"
      onNew={onNew}
      error={state?.error}
      onRetry={() => setVersion((v) => v + 1)}
      empty={
        state && state.items.length === 0 && !state.error
          ? { title: t("complaints.empty"), hint: t("complaints.emptyHint") }
          : null
      }
    >
      <ul className="record-list">
        {state?.items.map((c) => (
          <li key={c.id} className="record" data-testid="complaint-row" data-id={c.id}>
            <button type="button" className="record-open" onClick={() => onOpen(c)}>
              <span className="record-line">
                <span className="record-title">{c.subject}</span>
                <span className={`status status-${c.status}`}>{t(`complaints.statuses.${c.status}`)}</span>
              </span>
              <span className="record-line record-sub">
                <span>{formatDay(c.opened_on, locale)}</span>
                {c.return_visit_on && <span>{`${t("complaints.returnVisitOn")} ${formatDay(c.return_visit_on, locale)}`}</span>}
                {c.satisfaction !== null && (
                  <span className="mini-stars" aria-label={t("complaints.stars", { count: c.satisfaction })}>
                    {[1, 2, 3, 4, 5].map((n) => (
                      <StarIcon key={n} size={11} filled={n <= c.satisfaction!} />
                    ))}
                  </span>
                )}
              </span>
              {c.resolution && <span className="record-note">{c.resolution}</span>}
            </button>
            <button
              type="button"
              className="icon-button record-delete"
              aria-label={t("actions.delete")}
              title={t("actions.delete")}
              onClick={() => void trash(() => complaints.delete(c.id), () => complaints.restore(c.id), { deleted: (t) => t("complaints.deleted"), restored: (t) => t("complaints.restored") })}
              data-testid="complaint-delete"
            >
              <TrashIcon size={14} />
            </button>
          </li>
        ))}
      </ul>
    </RecordTab>
  );
}
