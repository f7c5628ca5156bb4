import { useEffect, useState } from "react";

import { agenda, events } from "../../api";
import { todayIso } from "../../lib/day";
import { agendaWindow, dueCount } from "./model";

/** How many agenda items are due (overdue + today, open: `dueCount`), the sidebar's number; null until known. */
export function useAgendaCount(): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let alive = true;
    const refresh = () => {
      const today = todayIso();
      const { from, days } = agendaWindow(today);
      agenda.list(from, days).then(
        (items) => alive && setCount(dueCount(items, today)),
        () => {
          // The agenda screen shows the error; the sidebar keeps its last number.
        },
      );
    };
    refresh();
    const off = events.onBookChanged(refresh);
    // A new day brings new items: look again every ten minutes.
    const timer = window.setInterval(refresh, 10 * 60_000);
    return () => {
      alive = false;
      off();
      window.clearInterval(timer);
    };
  }, []);
  return count;
}
