import { useTranslation } from "react-i18next";

import { followUpUrgency, formatListDay } from "./listDates";

/** A follow-up's day as the list shows it: "today", a short date, red when overdue. */
export function FollowUpDay({
  day,
  today,
  locale,
  testId = "next-follow-up",
}: {
  day: string;
  today: string;
  locale: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const urgency = followUpUrgency(day, today);
  const text = urgency === "today" ? t("list.today") : formatListDay(day, locale, today);
  return (
    <span
      className={`cell-text num follow-up-${urgency}`}
      title={urgency === "overdue" ? t("list.overdue", { date: text }) : undefined}
      data-testid={testId}
    >
      {text}
    </span>
  );
}
