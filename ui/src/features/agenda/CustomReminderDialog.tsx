import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { ApiError, customReminders, search, type CustomReminder, type CustomReminderInput, type Repeat, type SearchHit } from "../../api";
import { DateField } from "../../components/DateField";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useToast } from "../../components/Toast";
import type { DateBoxes } from "../../lib/dateText";
import { refuseUnreadDates } from "../customers/FormParts";
import { todayIso } from "../../lib/day";
import { useDebounced } from "../../lib/useDebounced";
import { useDiscardGuard, useEditedSinceOpen } from "../../components/useDiscardGuard";

const REPEATS: Repeat[] = ["none", "daily", "weekly", "monthly", "yearly"];

type Props = {
  /** The reminder to edit; null: a new one. */
  reminder: CustomReminder | null;
  /** For a new reminder: the customer it is about, if known. */
  customer?: { id: string; name: string } | null;
  onClose: () => void;
};

/** The custom reminder id inside an occurrence key `custom:<id>:<date>`. */
export function customReminderId(key: string): string | null {
  const [kind, id] = key.split(":");
  return kind === "custom" && id ? id : null;
}

export function CustomReminderDialog({ reminder, customer = null, onClose }: Props) {
  const { t } = useTranslation();
  const toast = useToast();
  const [input, setInput] = useState<CustomReminderInput>(
    reminder
      ? {
          customer_id: reminder.customer_id,
          title: reminder.title,
          start_date: reminder.start_date,
          repeat: reminder.repeat,
          until_date: reminder.until_date,
          notes: reminder.notes,
        }
      : { customer_id: customer?.id ?? null, title: "", start_date: todayIso(), repeat: "none", until_date: null, notes: null },
  );
  // Anything typed since the dialog opened makes Esc and Cancel ask first.
  const { close, prompt: discardPrompt } = useDiscardGuard(useEditedSinceOpen(input), onClose);
  const [who, setWho] = useState<string | null>(customer?.name ?? null);
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const settled = useDebounced(query.trim(), 120);

  useEffect(() => {
    if (!settled) return;
    let current = true;
    search.query(settled, 8).then(
      (found) => current && setHits(found),
      () => current && setHits([]),
    );
    return () => {
      current = false;
    };
  }, [settled]);

  const set = (change: Partial<CustomReminderInput>) => setInput({ ...input, ...change });

  const save = async () => {
    // A date box whose text is not a date yet: say so in the banner and send nothing.
    const dates: DateBoxes = [
      ["start_date", "date", input.start_date],
      ["until_date", "date", input.until_date ?? ""],
    ];
    const refused = refuseUnreadDates(dates, (errors) => {
      const [first] = Object.values(errors);
      if (first) setError(new ApiError({ ...first, field: null }));
    });
    if (refused) return;
    setBusy(true);
    setError(null);
    try {
      const clean = { ...input, title: input.title.trim(), notes: input.notes?.trim() || null };
      if (reminder) await customReminders.update(reminder.id, clean);
      else await customReminders.create(clean);
      toast({ message: (t) => t(reminder ? "reminders.updated" : "reminders.created", { title: clean.title }), tone: "success" });
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!reminder) return;
    setBusy(true);
    try {
      await customReminders.delete(reminder.id);
      toast({ message: (t) => t("reminders.deleted", { title: reminder.title }), tone: "success" });
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t(reminder ? "reminders.edit" : "reminders.new")}
      onClose={close}
      testId="custom-reminder-dialog"
      initialFocus="[data-testid=reminder-title]"
      footer={
        <>
          {reminder && (
            <button type="button" className="button button-danger-quiet" disabled={busy} data-testid="delete-reminder" onClick={() => void remove()}>
              {t("actions.delete")}
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="button" onClick={close}>
            {t("actions.cancel")}
          </button>
          <button type="button" className="button button-primary" disabled={busy} data-testid="save-reminder" onClick={() => void save()}>
            {busy ? t("actions.saving") : t("actions.save")}
          </button>
        </>
      }
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {error !== null && (
          <div className="field-wide">
            <ErrorBanner error={error} />
          </div>
        )}
        <label className="field field-wide">
          <span className="field-label">{t("reminders.title")}</span>
          <input className="input" value={input.title} data-testid="reminder-title" onChange={(e) => set({ title: e.target.value })} />
        </label>
        <div className="field field-wide">
          <span className="field-label">{t("reminders.customer")}</span>
          {who ? (
            <div className="reminder-customer">
              <span data-testid="reminder-customer">{who}</span>
              <button
                type="button"
                className="link"
                onClick={() => {
                  setWho(null);
                  set({ customer_id: null });
                }}
              >
                {t("reminders.noCustomer")}
              </button>
            </div>
          ) : (
            <div className="combobox">
              <input
                className="input"
                value={query}
                placeholder={t("reminders.customerPlaceholder")}
                data-testid="reminder-customer-search"
                onChange={(e) => setQuery(e.target.value)}
              />
              {query.trim() && hits.length > 0 && (
                <ul className="combobox-list" role="listbox">
                  {hits.map((h) => (
                    <li
                      key={h.id}
                      role="option"
                      aria-selected={false}
                      className="combobox-option"
                      data-testid="reminder-customer-option"
                      onMouseDown={(e) => {
                        e.preventDefault();
                        setWho(h.name);
                        setQuery("");
                        set({ customer_id: h.id });
                      }}
                    >
                      {h.name}
                      {h.company_name && <span className="muted"> · {h.company_name}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <label className="field">
          <span className="field-label">{t("reminders.start")}</span>
          <DateField
            id="field-start_date"
            type="date"
            value={input.start_date}
            testId="reminder-start"
            onValueChange={(value) => set({ start_date: value })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t("reminders.repeat")}</span>
          <select className="select" value={input.repeat} data-testid="reminder-repeat" onChange={(e) => set({ repeat: e.target.value as Repeat })}>
            {REPEATS.map((r) => (
              <option key={r} value={r}>
                {t(`reminders.repeats.${r}`)}
              </option>
            ))}
          </select>
        </label>
        {input.repeat !== "none" && (
          <label className="field">
            <span className="field-label">{t("reminders.until")}</span>
            <DateField
              id="field-until_date"
              type="date"
              value={input.until_date ?? ""}
              testId="reminder-until"
              emptyLabel={t("reminders.noEnd")}
              onValueChange={(value) => set({ until_date: value || null })}
            />
          </label>
        )}
        <label className="field field-wide">
          <span className="field-label">{t("reminders.notes")}</span>
          <textarea className="input textarea" rows={2} value={input.notes ?? ""} onChange={(e) => set({ notes: e.target.value })} />
        </label>
        <button type="submit" hidden />
      </form>
      {discardPrompt}
    </Dialog>
  );
}
