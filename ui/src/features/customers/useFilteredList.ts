import { useEffect, useState, useSyncExternalStore } from "react";

import { customers, segments, type SegmentFilter, events, touches, CUSTOMER_KINDS, RECORD_KINDS } from "../../api";
import { PagedList, type PagedSnapshot } from "./pagedList";
import { filterKey, isEmptyFilter } from "./segmentFilter";

/**
 * The live customer list, or (with conditions set) the customers `filter` matches, paged the
 * same way. A new filter starts a new list; data changes refetch what is on screen.
 */
export function useFilteredList(filter: SegmentFilter): [PagedList, PagedSnapshot] {
  const key = filterKey(filter);
  const [state, setState] = useState(() => ({ key, list: makeList(filter) }));
  let current = state;
  if (state.key !== key) {
    current = { key, list: makeList(filter) };
    setState(current);
  }
  const { list } = current;
  const snapshot = useSyncExternalStore(list.subscribe, list.getSnapshot);
  useEffect(() => {
    // The first page, before the table has measured what is on screen.
    list.ensure(0, 0);
    return events.onBookChanged((c) => {
      if (touches(c, ...CUSTOMER_KINDS, ...RECORD_KINDS)) list.invalidate();
    });
  }, [list]);
  return [list, snapshot];
}

function makeList(filter: SegmentFilter): PagedList {
  return isEmptyFilter(filter)
    ? new PagedList((offset, limit) => customers.list("live", offset, limit))
    : new PagedList((offset, limit) => segments.customers(filter, offset, limit));
}
