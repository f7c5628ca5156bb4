import { useEffect, useState } from "react";

import { customers, events, touches, CUSTOMER_KINDS } from "../../api";

export type Counts = { live: number | null; trash: number | null };

/** How many customers are live and in the Trash (for the sidebar). */
export function useCounts(): Counts {
  const [counts, setCounts] = useState<Counts>({ live: null, trash: null });
  useEffect(() => {
    let alive = true;
    const refresh = () => {
      // One row is enough: the page carries the total.
      Promise.all([customers.list("live", 0, 1), customers.list("trash", 0, 1)]).then(
        ([live, trash]) => {
          if (alive) setCounts({ live: live.total, trash: trash.total });
        },
        () => {
          // The list screens show the error; the sidebar just keeps its last numbers.
        },
      );
    };
    refresh();
    const off = events.onBookChanged((c) => {
      if (touches(c, ...CUSTOMER_KINDS)) refresh();
    });
    return () => {
      alive = false;
      off();
    };
  }, []);
  return counts;
}
