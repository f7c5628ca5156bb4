import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { events, sync, touchesCustomer, type Conflict } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useToast } from "../../components/Toast";
import { formatTimestamp } from "../../lib/dates";

/** A stored value as the user reads it (JSON text from the core; null: empty). */
function shown(value: string | null, empty: string): string {
  if (value === null) return empty;
  try {
    const v: unknown = JSON.parse(value);
    return typeof v === "string" ? v : JSON.stringify(v);
  } catch {
    return value;
  }
}

/**
 * 冲突: values of this customer that lost to a concurrent edit on another laptop, each with
 * Restore (which makes it the current value again). Shows nothing when there are none.
 */
export function ConflictsCard({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);

  useEffect(
    () =>
      events.onBookChanged((c) => {
        if (touchesCustomer(c, customerId)) setVersion((v) => v + 1);
      }),
    [customerId],
  );

  useEffect(() => {
    let live = true;
    sync.conflicts(customerId).then(
      (list) => live && setConflicts(list.filter((c) => c.restored_at === null)),
      () => live && setConflicts([]),
    );
    return () => {
      live = false;
    };
  }, [customerId, version]);

  if (conflicts.length === 0 && error === null) return null;

  const restore = async (c: Conflict) => {
    setError(null);
    try {
      await sync.restoreConflict(c.id);
      setVersion((v) => v + 1);
      toast({ message: (t) => t("conflicts.restored"), tone: "success" });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="card conflicts-card" data-testid="conflicts">
      <h3 className="card-title">{t("conflicts.title", { count: conflicts.length })}</h3>
      <p className="muted card-hint">{t("conflicts.hint")}</p>
      {error !== null && <ErrorBanner error={error} />}
      <ul className="conflict-list">
        {conflicts.map((c) => (
          <li key={c.id} className="conflict" data-testid="conflict">
            <div>
              <strong>{t(`conflicts.field.${c.field}`, { defaultValue: c.field })}</strong>{" "}
              <span data-testid="conflict-value">{shown(c.value, t("conflicts.empty"))}</span>
              <div className="muted">
                {t("conflicts.lostTo", {
                  winner: shown(c.winner_value, t("conflicts.empty")),
                  when: formatTimestamp(c.edited_at, i18n.language),
                })}
              </div>
            </div>
            <button type="button" className="button button-small" onClick={() => void restore(c)} data-testid="conflict-restore">
              {t("conflicts.restore")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
