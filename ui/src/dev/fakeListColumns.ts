// The fake core's customer-list columns and orders, as the core derives them: last contact
// (the latest live interaction or purchase order), next follow-up (the earliest follow-up
// date not marked done or dismissed), and the list sorted by either with blanks last.
import type { Customer } from "../api/bindings/Customer";
import type { CustomerSummary } from "../api/bindings/CustomerSummary";
import type { Interaction } from "../api/bindings/Interaction";
import type { ListSort } from "../api/bindings/ListSort";
import type { NextStep } from "../api/bindings/NextStep";
import type { ReminderState } from "../api/bindings/ReminderState";
import type { FakeRecords } from "./fakeRecords";

export type ListColumns = Pick<CustomerSummary, "last_contact_at" | "next_follow_up_on">;

const PURCHASE = new Set(["confirmed", "paid", "shipped", "completed"]);

/** A customer's derived list columns from the fake's records and reminder states. */
export function listColumns(records: FakeRecords, states: Map<string, ReminderState>, customerId: string): ListColumns {
  let last: string | null = null;
  for (const i of records.interactions.values()) {
    if (i.customer_id !== customerId || i.deleted_at) continue;
    if (last === null || i.occurred_at > last) last = i.occurred_at;
  }
  const next = nextFollowUp(records, states, customerId)?.follow_up_on ?? null;
  for (const o of records.orders.values()) {
    if (o.customer_id !== customerId || o.deleted_at || !PURCHASE.has(o.status)) continue;
    const at = `${o.ordered_on}T00:00:00.000Z`;
    if (last === null || at > last) last = at;
  }
  return { last_contact_at: last, next_follow_up_on: next };
}

/**
 * The interaction whose follow-up is the customer's next one: the earliest follow-up date not
 * marked done or dismissed, the latest logged on a tie (the list column and the overview).
 */
export function nextFollowUp(records: FakeRecords, states: Map<string, ReminderState>, customerId: string): Interaction | null {
  let next: Interaction | null = null;
  for (const i of records.interactions.values()) {
    if (i.customer_id !== customerId || i.deleted_at || !i.follow_up_on) continue;
    const state = states.get(`follow_up:${i.id}:${i.follow_up_on}`)?.status;
    if (state === "done" || state === "dismissed") continue;
    const better =
      next === null ||
      i.follow_up_on < next.follow_up_on! ||
      (i.follow_up_on === next.follow_up_on && i.occurred_at > next.occurred_at);
    if (better) next = i;
  }
  return next;
}

/** The overview's next step and open complaints (open or in progress, the latest opened first). */
export function nextStep(records: FakeRecords, states: Map<string, ReminderState>, customerId: string): NextStep {
  const open = [...records.complaints.values()]
    .filter((c) => c.customer_id === customerId && !c.deleted_at && c.status !== "resolved")
    .sort((a, b) => b.opened_on.localeCompare(a.opened_on) || b.created_at.localeCompare(a.created_at));
  return { follow_up: nextFollowUp(records, states, customerId), open_complaints: open.length, latest_open_complaint: open[0] ?? null };
}

/** `rows` (already in name order) in the list's chosen order; blanks last, by name. */
export function sortRows(rows: Customer[], sort: ListSort | undefined, columns: (c: Customer) => ListColumns): Customer[] {
  if (!sort || sort.column === "name") return sort?.descending ? [...rows].reverse() : rows;
  const field = sort.column === "last_contact" ? "last_contact_at" : "next_follow_up_on";
  const keyed = rows.map((c, i) => ({ c, i, v: columns(c)[field] }));
  const valued = keyed.filter((k) => k.v !== null);
  const blank = keyed.filter((k) => k.v === null);
  const sign = sort.descending ? -1 : 1;
  valued.sort((a, b) => (a.v! < b.v! ? -sign : a.v! > b.v! ? sign : (a.i - b.i) * sign));
  return [...valued, ...blank].map((k) => k.c);
}
