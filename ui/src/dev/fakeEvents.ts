// The fake core's `book-changed` events: like the real shell, every write the fake answers is
// followed by one event naming the kinds of record and the customers it touched, so screens
// refresh in component tests the same way they do in the app.
import { emit } from "@tauri-apps/api/event";

import type { BookChange } from "../api/bindings/BookChange";
import type { Command } from "../api/client";
import { BOOK_CHANGED_EVENT } from "../api/events";

const CUSTOMER = ["customers", "contact_points", "anniversaries"];
const ORDER = ["orders", "order_lines"];

/** The tables each write command changes (as the journal would name them). An interaction or
 *  order also moves its customer's derived columns (last contact, next follow-up), but derived
 *  data is not journaled: the real event names only "interactions" / "orders". */
const WRITES: Partial<Record<Command, string[]>> = {
  customers_create: CUSTOMER,
  customers_update: CUSTOMER,
  customers_delete: ["customers"],
  customers_restore: ["customers"],
  customers_purge: [...CUSTOMER, "interactions", ...ORDER, "complaints"],
  customers_empty_trash: [...CUSTOMER, "interactions", ...ORDER, "complaints"],
  customers_bulk_edit: ["customers"],
  customers_handover: ["customers"],
  interactions_create: ["interactions"],
  interactions_update: ["interactions"],
  interactions_delete: ["interactions"],
  interactions_restore: ["interactions"],
  orders_create: ORDER,
  orders_update: ORDER,
  orders_delete: ORDER,
  orders_restore: ORDER,
  products_create: ["products"],
  products_update: ["products"],
  products_delete: ["products"],
  complaints_create: ["complaints"],
  complaints_update: ["complaints"],
  complaints_delete: ["complaints"],
  complaints_restore: ["complaints"],
  classify_settings_update: ["settings"],
  reminders_done: ["reminder_states"],
  reminders_dismiss: ["reminder_states"],
  reminders_reopen: ["reminder_states"],
  reminders_snooze: ["reminder_states"],
  reminders_settings_update: ["settings"],
  reminders_greetings_set: ["settings"],
  reminders_revisit_interval_set: ["revisit_cadences"],
  reminders_custom_create: ["custom_reminders"],
  reminders_custom_update: ["custom_reminders"],
  reminders_custom_delete: ["custom_reminders"],
  holidays_import: ["holiday_calendars"],
  settings_update: ["settings"],
  segments_save: ["segments"],
  segments_delete: ["segments"],
  import_run: [...CUSTOMER, "interactions", ...ORDER],
  import_restore_dump: [...CUSTOMER, "interactions", ...ORDER, "complaints", "products", "segments", "settings"],
  cleaning_merge: [...CUSTOMER, "merges", "interactions", ...ORDER, "complaints"],
  cleaning_undo_merge: [...CUSTOMER, "merges", "interactions", ...ORDER, "complaints"],
  sync_run: [...CUSTOMER, "interactions", ...ORDER, "complaints", "products", "segments", "settings"],
  sync_restore_conflict: CUSTOMER,
};

type Loose = Record<string, unknown> | null | undefined;

function str(v: unknown): string[] {
  return typeof v === "string" && v ? [v] : [];
}

/** The customers a write names in its arguments or answer; none named: many. */
function customersOf(cmd: Command, args: Record<string, unknown>, result: unknown): string[] {
  const input = args.input as Loose;
  const out = result as Loose;
  const ids = [
    ...str(args.customerId),
    ...str(input?.customer_id),
    ...str(out?.customer_id),
    ...(Array.isArray(args.ids) ? (args.ids as string[]) : []),
    ...str(args.survivorId),
    ...(Array.isArray(args.mergedIds) ? (args.mergedIds as string[]) : []),
  ];
  if (cmd.startsWith("customers_")) ids.push(...str(args.id), ...str(out?.id));
  return [...new Set(ids)].sort();
}

/** What `cmd` changed, or null for a read. */
export function bookChangeOf(cmd: string, args: Record<string, unknown>, result: unknown): BookChange | null {
  const kinds = WRITES[cmd as Command];
  if (!kinds) return null;
  const customer_ids = customersOf(cmd as Command, args, result);
  // The real journal names the customer of every row it touched; where the arguments do not
  // (a delete by record id), say "many", which every screen treats as "maybe yours".
  const owned = ["customers", "interactions", "orders", "complaints"];
  const named = customer_ids.length > 0 || !kinds.some((k) => owned.includes(k));
  return { kinds: [...new Set(kinds)].sort(), customer_ids, many: !named, through_seq: 0 };
}

/** Announce `change` after the answer has reached the caller, as the shell's watcher does. */
export function announce(change: BookChange): void {
  setTimeout(() => void emit(BOOK_CHANGED_EVENT, change).catch(() => {}), 0);
}
