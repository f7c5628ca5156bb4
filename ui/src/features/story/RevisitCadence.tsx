import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { reminderSettings, revisitInterval, type Customer, type RevisitIntervals } from "../../api";
import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";

const TIER_KEY: Record<NonNullable<Customer["tier"]>, keyof RevisitIntervals> = { VIP: "vip", A: "a", B: "b", C: "c" };

/** How often to revisit this customer: the tier's interval, or the customer's own. */
export function RevisitCadence({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [own, setOwn] = useState<number | null | undefined>(undefined);
  const [tierDays, setTierDays] = useState<number | null>(null);
  const [draft, setDraft] = useState("");
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let alive = true;
    Promise.all([revisitInterval.get(customer.id), reminderSettings.get()]).then(
      ([days, settings]) => {
        if (!alive) return;
        setOwn(days);
        setDraft(days === null ? "" : String(days));
        setTierDays(customer.tier ? (settings.revisit[TIER_KEY[customer.tier]] ?? null) : null);
      },
      () => alive && setOwn(null),
    );
    return () => {
      alive = false;
    };
  }, [customer.id, customer.tier]);

  if (own === undefined) return null;

  const save = async (days: number | null) => {
    setSaving(true);
    try {
      await revisitInterval.set(customer.id, days);
      setOwn(days);
      setDraft(days === null ? "" : String(days));
      toast({
        message: (t) => days === null ? t("revisitCadence.cleared") : t("revisitCadence.saved", { count: days }),
        tone: "success",
      });
    } catch (error) {
      toast({ message: (t) => errorText(t, error), tone: "error" });
    } finally {
      setSaving(false);
    }
  };

  const typed = draft.trim() === "" ? null : Math.floor(Number(draft));
  const changed = typed !== own && !(typed !== null && Number.isNaN(typed));
  const tierText =
    tierDays === null ? t("revisitCadence.tierNone") : t("revisitCadence.tierDefault", { count: tierDays });
  return (
    <form
      className="classify-tiers revisit-cadence"
      noValidate
      data-testid="revisit-cadence"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed) void save(typed);
      }}
    >
      <label className="classify-label" htmlFor="revisit-days">
        {t("revisitCadence.label")}
      </label>
      <input
        id="revisit-days"
        className="input number-input"
        type="number"
        min={1}
        max={3650}
        placeholder={tierDays === null ? "—" : String(tierDays)}
        value={draft}
        data-testid="revisit-days"
        onChange={(e) => setDraft(e.target.value)}
      />
      <span className="muted">{t("revisitCadence.days")}</span>
      <span className="muted" data-testid="revisit-source">
        {own === null ? tierText : t("revisitCadence.own")}
      </span>
      {changed && (
        <button type="submit" className="button button-small" disabled={saving} data-testid="revisit-save">
          {t("actions.save")}
        </button>
      )}
      {own !== null && !changed && (
        <button
          type="button"
          className="button button-small button-ghost"
          disabled={saving}
          data-testid="revisit-clear"
          onClick={() => void save(null)}
        >
          {t("revisitCadence.useTier")}
        </button>
      )}
    </form>
  );
}
