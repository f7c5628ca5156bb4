import { useEffect, useState, useSyncExternalStore } from "react";

import { customers, type ListScope, events, touches, LIST_ROW_KINDS } from "../../api";
import { PagedList, type PagedSnapshot } from "./pagedList";

/** A PagedList over `customers_list(scope)`, refreshed whenever data changes. */
export function usePagedList(scope: ListScope): [PagedList, PagedSnapshot] {
  const [list] = useState(() => new PagedList((offset, limit) => customers.list(scope, offset, limit)));
  const snapshot = useSyncExternalStore(list.subscribe, list.getSnapshot);
  useEffect(() => {
    // The first page, before the table has measured what is on screen.
    list.ensure(0, 0);
    return events.onBookChanged((c) => {
      if (touches(c, ...LIST_ROW_KINDS)) list.invalidate();
    });
  }, [list]);
  return [list, snapshot];
}
