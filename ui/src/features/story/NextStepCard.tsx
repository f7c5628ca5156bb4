import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { customers, events, touches, touchesCustomer, type Complaint, type Interaction, type NextStep } from "../../api";
import { FollowUpDay } from "../customers/FollowUpDay";
import { formatListDay } from "../customers/listDates";
import { todayIso } from "../../lib/day";

type Loaded = { key: string; next: NextStep | null };

/**
 * The top of the overview: the customer's next follow-up (the list column's rule) and their
 * open complaints, each opening its record. Nothing at all when neither is there.
 */
export function NextStepCard({
  customerId,
  onOpenInteraction,
  onOpenComplaint,
}: {
  customerId: string;
  onOpenInteraction: (interaction: Interaction) => void;
  onOpenComplaint: (complaint: Complaint) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const key = `${customerId}:${version}`;

  useEffect(
    () =>
      events.onBookChanged((c) => {
        // A follow-up marked done is a reminder state, which names no customer.
        const mine = touchesCustomer(c, customerId) && touches(c, "interactions", "complaints");
        if (mine || touches(c, "reminder_states")) setVersion((v) => v + 1);
      }),
    [customerId],
  );

  useEffect(() => {
    let current = true;
    customers.nextStep(customerId).then(
      (next) => current && setLoaded({ key, next }),
      // The overview still works without this card; the tabs show the records themselves.
      () => current && setLoaded({ key, next: null }),
    );
    return () => {
      current = false;
    };
  }, [customerId, key]);

  const next = loaded && loaded.key.startsWith(`${customerId}:`) ? loaded.next : null;
  const followUp = next?.follow_up;
  const complaint = next?.latest_open_complaint;
  if (!followUp?.follow_up_on && !complaint) return null;
  const today = todayIso();

  return (
    <section className="card next-step-card" data-testid="next-step-card" aria-label={t("nextStep.title")}>
      {followUp?.follow_up_on && (
        <button type="button" className="next-step-row" onClick={() => onOpenInteraction(followUp)} data-testid="next-step">
          <span className="next-step-label">{t("nextStep.title")}</span>
          <span className="next-step-text">{followUp.next_step?.trim() || followUp.summary}</span>
          <FollowUpDay day={followUp.follow_up_on} today={today} locale={locale} testId="next-step-day" />
        </button>
      )}
      {complaint && (
        <button type="button" className="next-step-row" onClick={() => onOpenComplaint(complaint)} data-testid="open-complaints">
          <span className="next-step-label">
            {t("nextStep.openComplaints")} <span className="chip chip-small">{next.open_complaints}</span>
          </span>
          <span className="next-step-text">{complaint.subject}</span>
          <span className="cell-text num">{formatListDay(complaint.opened_on, locale, today)}</span>
        </button>
      )}
    </section>
  );
}
