import { useEffect, useState, useSyncExternalStore } from "react";

import {
  BY_NAME,
  customers,
  segments,
  type ListSort,
  type SegmentFilter,
  events,
  touches,
  LIST_ROW_KINDS,
  RECORD_KINDS,
} from "../../api";
import { PagedList, type PagedSnapshot } from "./pagedList";
import { filterKey, isEmptyFilter } from "./segmentFilter";

/**
 * The live customer list, or (with conditions set) the customers `filter` matches, paged the
 * same way, in the chosen order. A new filter starts a new list; data changes refetch what is on screen.
 */
export function useFilteredList(filter: SegmentFilter, sort: ListSort = BY_NAME): [PagedList, PagedSnapshot] {
  const key = `${filterKey(filter)}|${sort.column}|${sort.descending}`;
  const [state, setState] = useState(() => ({ key, list: makeList(filter, sort) }));
  let current = state;
  if (state.key !== key) {
    current = { key, list: makeList(filter, sort) };
    setState(current);
  }
  const { list } = current;
  const snapshot = useSyncExternalStore(list.subscribe, list.getSnapshot);
  useEffect(() => {
    // The first page, before the table has measured what is on screen.
    list.ensure(0, 0);
    return events.onBookChanged((c) => {
      if (touches(c, ...LIST_ROW_KINDS, ...RECORD_KINDS)) list.invalidate();
    });
  }, [list]);
  return [list, snapshot];
}

function makeList(filter: SegmentFilter, sort: ListSort): PagedList {
  return isEmptyFilter(filter)
    ? new PagedList((offset, limit) => customers.list("live", offset, limit, sort))
    : new PagedList((offset, limit) => segments.customers(filter, offset, limit, sort));
}
