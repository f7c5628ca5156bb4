import { useCallback, useState } from "react";

import { BY_NAME, segments, type ListSort, type SegmentFilter } from "../../api";
import { filterKey } from "./segmentFilter";

export type Selection = {
  ids: ReadonlySet<string>;
  /** Check or uncheck one row; `range` (Shift) checks every row from the last one clicked. */
  check: (index: number, id: string, range: boolean) => Promise<void>;
  /** Every customer the filter matches (not just the rows loaded so far), or none if all are. */
  toggleAll: (total: number) => Promise<void>;
  clear: () => void;
};

/**
 * Which customers are picked for a bulk action. It belongs to one filter: a new filter starts
 * empty. Ranges and "all" ask the core for the filter's ids, so rows never scrolled to count.
 */
export function useSelection(filter: SegmentFilter, sort: ListSort = BY_NAME): Selection {
  const key = filterKey(filter);
  const [state, setState] = useState<{ key: string; ids: Set<string>; anchor: number | null }>({
    key,
    ids: new Set(),
    anchor: null,
  });
  const current = state.key === key ? state : { key, ids: new Set<string>(), anchor: null };
  if (current !== state) setState(current);

  const check = useCallback(
    async (index: number, id: string, range: boolean) => {
      const anchor = current.anchor;
      if (range && anchor !== null && anchor !== index) {
        // By position in the list as shown, so in its order.
        const all = await segments.ids(filter, sort);
        const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
        setState((s) => ({ ...s, ids: new Set([...s.ids, ...all.slice(from, to + 1)]), anchor: index }));
        return;
      }
      setState((s) => {
        const ids = new Set(s.ids);
        if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { ...s, ids, anchor: index };
      });
    },
    [current.anchor, filter, sort],
  );

  const toggleAll = useCallback(
    async (total: number) => {
      if (current.ids.size > 0 && current.ids.size >= total) {
        setState((s) => ({ ...s, ids: new Set(), anchor: null }));
        return;
      }
      const all = await segments.ids(filter);
      setState((s) => ({ ...s, ids: new Set(all) }));
    },
    [current.ids, filter],
  );

  const clear = useCallback(() => setState((s) => ({ ...s, ids: new Set(), anchor: null })), []);
  return { ids: current.ids, check, toggleAll, clear };
}
