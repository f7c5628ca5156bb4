import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { reminderSettings, type LeadTimes, type QuietHours, type ReminderSettings, type RevisitIntervals } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useToast } from "../../components/Toast";
import { DateField } from "../../components/DateField";

/** The countries whose public holidays the core ships (settings.rs). */
export const COUNTRIES = ["US", "GB", "DE", "JP", "SG", "HK", "TW"] as const;
const LEAD_KINDS: (keyof LeadTimes)[] = ["birthday", "anniversary", "festival", "holiday", "revisit", "follow_up", "custom"];
const TIERS: { key: keyof RevisitIntervals; label: string }[] = [
  { key: "vip", label: "VIP" },
  { key: "a", label: "A" },
  { key: "b", label: "B" },
  { key: "c", label: "C" },
];

/** What turning quiet hours on proposes: the night, through to breakfast. */
const DEFAULT_QUIET: QuietHours = { start: "22:00", end: "08:00" };
const quiet = (s: ReminderSettings): QuietHours => s.quiet_hours ?? DEFAULT_QUIET;

export function ReminderSettingsCard() {
  const { t } = useTranslation();
  const toast = useToast();
  const [value, setValue] = useState<ReminderSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let alive = true;
    reminderSettings.get().then(
      (s) => alive && setValue(s),
      (e: unknown) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, []);

  if (!value) {
    return (
      <section className="card" data-testid="reminder-settings">
        <h2 className="card-title">{t("reminderSettings.title")}</h2>
        {error !== null ? <ErrorBanner error={error} /> : <p className="muted">{t("settings.loading")}</p>}
      </section>
    );
  }

  const set = (change: Partial<ReminderSettings>) => setValue({ ...value, ...change });
  const days = (text: string) => Math.max(0, Math.floor(Number(text) || 0));

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      setValue(await reminderSettings.update(value));
      toast({ message: (t) => t("reminderSettings.saved"), tone: "success" });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" data-testid="reminder-settings">
      <h2 className="card-title">{t("reminderSettings.title")}</h2>
      <p className="muted card-hint">{t("reminderSettings.hint")}</p>
      <div className="settings-grid">
        <label className="settings-label" htmlFor="notify-at">
          {t("reminderSettings.notifyAt")}
        </label>
        <div>
          <DateField
            id="notify-at"
            className="input time-input"
            type="time"
            value={value.notify_at}
            testId="notify-at"
            onValueChange={(notify_at) => set({ notify_at })}
          />
        </div>

        <span className="settings-label">{t("reminderSettings.quietHours")}</span>
        <div className="settings-inline">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={value.quiet_hours !== null}
              data-testid="quiet-hours-toggle"
              onChange={(e) => set({ quiet_hours: e.target.checked ? DEFAULT_QUIET : null })}
            />
            {t("reminderSettings.quietHoursOn")}
          </label>
          {value.quiet_hours !== null && (
            <>
              <DateField
                className="input time-input"
                type="time"
                aria-label={t("reminderSettings.quietFrom")}
                value={value.quiet_hours.start}
                testId="quiet-start"
                onValueChange={(start) => set({ quiet_hours: { ...quiet(value), start } })}
              />
              <span aria-hidden="true">–</span>
              <DateField
                className="input time-input"
                type="time"
                aria-label={t("reminderSettings.quietTo")}
                value={value.quiet_hours.end}
                testId="quiet-end"
                onValueChange={(end) => set({ quiet_hours: { ...quiet(value), end } })}
              />
              <span className="muted">{t("reminderSettings.quietHint")}</span>
            </>
          )}
        </div>

        <span className="settings-label settings-label-top">{t("reminderSettings.leadDays")}</span>
        <div className="settings-numbers">
          {LEAD_KINDS.map((k) => (
            <label key={k} className="number-field">
              {t(`reminderSettings.leadKinds.${k}`)}
              <input
                className="input number-input"
                type="number"
                min={0}
                max={60}
                value={value.lead_days[k]}
                data-testid={`lead-${k}`}
                onChange={(e) => set({ lead_days: { ...value.lead_days, [k]: days(e.target.value) } })}
              />
            </label>
          ))}
        </div>

        <label className="settings-label" htmlFor="feb29-rule">
          {t("reminderSettings.feb29")}
        </label>
        <div>
          <select
            id="feb29-rule"
            className="select"
            value={value.rules.feb29}
            data-testid="feb29-rule"
            onChange={(e) => set({ rules: { ...value.rules, feb29: e.target.value as ReminderSettings["rules"]["feb29"] } })}
          >
            <option value="feb28">{t("reminderSettings.feb29Options.feb28")}</option>
            <option value="mar1">{t("reminderSettings.feb29Options.mar1")}</option>
          </select>
        </div>

        <label className="settings-label" htmlFor="leap-rule">
          {t("reminderSettings.leapMonth")}
        </label>
        <div>
          <select
            id="leap-rule"
            className="select"
            value={value.rules.leap_month}
            data-testid="leap-month-rule"
            onChange={(e) =>
              set({ rules: { ...value.rules, leap_month: e.target.value as ReminderSettings["rules"]["leap_month"] } })
            }
          >
            <option value="leap">{t("reminderSettings.leapMonthOptions.leap")}</option>
            <option value="regular">{t("reminderSettings.leapMonthOptions.regular")}</option>
          </select>
        </div>

        <span className="settings-label">{t("reminderSettings.holidays")}</span>
        <div className="settings-stack">
          <label className="checkbox">
            <input type="checkbox" checked={value.festivals} data-testid="festivals-toggle" onChange={(e) => set({ festivals: e.target.checked })} />
            {t("reminderSettings.festivals")}
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={value.statutory_holidays}
              data-testid="statutory-toggle"
              onChange={(e) => set({ statutory_holidays: e.target.checked })}
            />
            {t("reminderSettings.statutory")}
          </label>
        </div>

        <span className="settings-label settings-label-top">{t("reminderSettings.countries")}</span>
        <div className="settings-checks">
          {COUNTRIES.map((c) => (
            <label key={c} className="checkbox">
              <input
                type="checkbox"
                checked={value.countries.includes(c)}
                data-testid={`country-${c}`}
                onChange={(e) =>
                  set({ countries: e.target.checked ? [...value.countries, c] : value.countries.filter((x) => x !== c) })
                }
              />
              {t(`reminderSettings.countryNames.${c}`)}
            </label>
          ))}
        </div>

        <span className="settings-label">{t("reminderSettings.revisit")}</span>
        <div className="settings-numbers settings-numbers-short">
          {TIERS.map(({ key, label }) => (
            <label key={key} className="number-field">
              {label}
              <input
                className="input number-input"
                type="number"
                min={1}
                max={3650}
                value={value.revisit[key] ?? ""}
                data-testid={`revisit-${key}`}
                onChange={(e) =>
                  set({ revisit: { ...value.revisit, [key]: e.target.value === "" ? null : days(e.target.value) } })
                }
              />
            </label>
          ))}
        </div>
      </div>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <div className="settings-actions">
        <button type="button" className="button button-primary" disabled={saving} data-testid="save-reminder-settings" onClick={() => void save()}>
          {saving ? t("actions.saving") : t("reminderSettings.save")}
        </button>
      </div>
    </section>
  );
}
