import { call } from "./client";
import { BY_NAME, MAX_PAGE } from "./customers";
import type { ListSort } from "./bindings/ListSort";
import type { BulkEdit } from "./bindings/BulkEdit";
import type { Handover } from "./bindings/Handover";
import type { HandoverResult } from "./bindings/HandoverResult";
import type { Segment } from "./bindings/Segment";
import type { SegmentFilter } from "./bindings/SegmentFilter";
import type { SegmentInput } from "./bindings/SegmentInput";
import type { SegmentPage } from "./bindings/SegmentPage";

/** Saved customer filters (客户分群) and the customers a filter matches. */
export const segments = {
  list(): Promise<Segment[]> {
    return call("segments_list");
  },
  /** Create (id null) or update a saved segment. */
  save(id: string | null, input: SegmentInput): Promise<Segment> {
    return call("segments_save", { id, input });
  },
  delete(id: string): Promise<null> {
    return call("segments_delete", { id });
  },
  count(filter: SegmentFilter): Promise<number> {
    return call("segments_count", { filter });
  },
  customers(filter: SegmentFilter, offset: number, limit: number, sort: ListSort = BY_NAME): Promise<SegmentPage> {
    return call("segments_customers", { filter, sort, offset, limit: Math.min(limit, MAX_PAGE) });
  },
  /** Every id the filter matches, in the list's order: "select all", Shift-click ranges. */
  ids(filter: SegmentFilter, sort: ListSort = BY_NAME): Promise<string[]> {
    return call("segments_ids", { filter, sort });
  },
};

/** Many customers at once: bulk edit and handover (客户交接). */
export const bulk = {
  owners(): Promise<string[]> {
    return call("customers_owners");
  },
  /** Returns how many customers really changed. */
  edit(ids: string[], edit: BulkEdit): Promise<number> {
    return call("customers_bulk_edit", { ids, edit });
  },
  handover(handover: Handover): Promise<HandoverResult> {
    return call("customers_handover", { handover });
  },
};
