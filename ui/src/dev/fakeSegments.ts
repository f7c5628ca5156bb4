// The segment side of the fake core: saved segments, filtering, bulk edit and handover over the
// fake's customers. The fake does not model contacts, orders or complaints for filtering, so
// stages, spend and open complaints are not applied here (the Rust core tests cover them), and
// every customer counts as never contacted. A lunar birthday counts in its lunar month number.
import { typed } from "./typed";
import type { Command } from "../api/client";
import type { BulkEdit } from "../api/bindings/BulkEdit";
import type { Customer } from "../api/bindings/Customer";
import type { Handover } from "../api/bindings/Handover";
import type { Segment } from "../api/bindings/Segment";
import type { SegmentFilter } from "../api/bindings/SegmentFilter";
import type { SegmentInput } from "../api/bindings/SegmentInput";
import type { SegmentPage } from "../api/bindings/SegmentPage";
import type { CustomerSummary } from "../api/bindings/CustomerSummary";
import type { ListSort } from "../api/bindings/ListSort";
import { fail } from "./fail";

/** Returned by `handle` for a command this part of the fake does not answer. */
export const UNHANDLED = Symbol("unhandled");

export type FakeSegments = {
  segments: Map<string, Segment>;
  handle: (cmd: Command, args: Record<string, unknown>, now: string) => unknown;
};

type Deps = {
  customers: Map<string, Customer>;
  /** Live and trashed customers in list order. */
  sorted: () => Customer[];
  summarize: (c: Customer) => CustomerSummary;
  /** Name-ordered rows in the list's chosen order. */
  sortRows: (rows: Customer[], sort: ListSort | undefined) => Customer[];
  recordEdit: (before: Customer | null, after: Customer, now: string) => void;
  changed: () => void;
};

const PHONE = /^[\d\s+\-().#/*xX]+$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;
const same = (a: string | null, b: string) => (a ?? "").trim().toLowerCase() === b.trim().toLowerCase();

export function matches(c: Customer, f: SegmentFilter): boolean {
  if (c.deleted_at) return false;
  if (f.tiers.length && !(c.tier && f.tiers.includes(c.tier))) return false;
  if (f.kinds.length && !f.kinds.includes(c.kind)) return false;
  if (f.customer_types.length && !(c.customer_type && f.customer_types.includes(c.customer_type))) return false;
  if (f.tags.length) {
    const hits = f.tags.filter((t) => c.tags.includes(t.trim())).length;
    if (f.tags_match === "all" ? hits < f.tags.length : hits === 0) return false;
  }
  if (f.regions.length && !f.regions.some((r) => same(c.region, r))) return false;
  if (f.owners.length || f.no_owner) {
    const unowned = !c.owner?.trim();
    if (!(f.owners.some((o) => same(c.owner, o)) || (f.no_owner && unowned))) return false;
  }
  if (f.birthday_month !== null && c.birthday?.month !== f.birthday_month) return false;
  if (f.written_at && c.created_at !== f.written_at && c.updated_at !== f.written_at) return false;
  if (f.missing_phone_and_email && (c.phones.length > 0 || c.emails.length > 0)) return false;
  if (f.invalid_contact) {
    const badPhone = c.phones.some((p) => !PHONE.test(p.value) || p.value.replace(/\D/g, "").length < 5);
    const badEmail = c.emails.some((e) => !EMAIL.test(e.value));
    const bad = f.invalid_contact === "phone" ? badPhone : f.invalid_contact === "email" ? badEmail : badPhone || badEmail;
    if (!bad) return false;
  }
  return true;
}

export function createFakeSegments({ customers, sorted, summarize, sortRows, recordEdit, changed }: Deps): FakeSegments {
  const segments = new Map<string, Segment>();
  let next = 1;

  const checkName = (name: string, self: string | null): string => {
    const n = name.trim();
    if (!n) fail("segment_name_empty", "a segment needs a name", "name");
    for (const s of segments.values()) {
      if (s.id !== self && same(s.name, n)) fail("segment_name_taken", `there is already a segment named ${n}`, "name");
    }
    return n;
  };
  const checkFilter = (f: SegmentFilter) => {
    if (f.birthday_month !== null && (f.birthday_month < 1 || f.birthday_month > 12)) {
      fail("month_invalid", "not a month", "birthday_month");
    }
    return f;
  };
  const matching = (f: SegmentFilter) => sorted().filter((c) => matches(c, checkFilter(f)));
  const live = (id: string, i: number): Customer => {
    const c = customers.get(id);
    if (!c || c.deleted_at) fail("customer_not_found", `no live customer ${id}`, `ids[${i}]`);
    return c;
  };

  function handle(cmd: Command, args: Record<string, unknown>, now: string): unknown {
    switch (cmd) {
      case "segments_list":
        return typed(cmd, [...segments.values()].sort((a, b) => a.name.localeCompare(b.name)));
      case "segments_save": {
        const input = args.input as SegmentInput;
        const id = (args.id as string | null) ?? null;
        const name = checkName(input.name, id);
        const filter = checkFilter(input.filter);
        const old = id ? (segments.get(id) ?? fail("not_found", `segment ${id} not found`)) : null;
        const s: Segment = old
          ? { ...old, name, filter, updated_at: now }
          : { id: `s${next++}`, name, filter, created_at: now, updated_at: now };
        segments.set(s.id, s);
        return typed(cmd, s);
      }
      case "segments_delete":
        if (!segments.delete(String(args.id))) fail("not_found", "segment not found");
        return typed(cmd, null);
      case "segments_count":
        return typed(cmd, matching(args.filter as SegmentFilter).length);
      case "segments_ids":
        return typed(cmd, sortRows(matching(args.filter as SegmentFilter), args.sort as ListSort | undefined).map((c) => c.id));
      case "segments_customers": {
        const rows = sortRows(matching(args.filter as SegmentFilter), args.sort as ListSort | undefined);
        const offset = Number(args.offset);
        const limit = Math.min(Number(args.limit), 500);
        const page: SegmentPage = { total: rows.length, offset, items: rows.slice(offset, offset + limit).map(summarize) };
        return typed(cmd, page);
      }
      case "customers_owners":
        return typed(cmd, [...new Set(sorted().filter((c) => !c.deleted_at && c.owner?.trim()).map((c) => c.owner!.trim()))].sort());
      case "customers_bulk_edit": {
        const ids = args.ids as string[];
        const edit = args.edit as BulkEdit;
        if (edit.tier === null && edit.owner === null && !edit.add_tags.length && !edit.remove_tags.length) {
          fail("nothing_to_change", "choose a tier, owner or tags", "edit");
        }
        const before = ids.map(live);
        let count = 0;
        for (const c of before) {
          const tags = [...new Set([...c.tags.filter((t) => !edit.remove_tags.includes(t)), ...edit.add_tags])].sort();
          const after: Customer = {
            ...c,
            tier: edit.tier ?? c.tier,
            owner: edit.owner === null ? c.owner : edit.owner.trim() || null,
            tags,
          };
          if (after.tier !== c.tier || after.owner !== c.owner || after.tags.join() !== c.tags.join()) {
            after.updated_at = now;
            recordEdit(c, after, now);
            customers.set(c.id, after);
            count++;
          }
        }
        changed();
        return typed(cmd, count);
      }
      case "customers_handover": {
        const h = args.handover as Handover;
        const to = h.to.trim();
        if (!to) fail("owner_empty", "hand over to whom?", "to");
        if (same(h.from, to)) fail("handover_same_owner", "same owner", "to");
        const ids =
          h.scope.type === "ids"
            ? h.scope.ids
            : h.scope.type === "segment"
              ? matching((segments.get(h.scope.segment_id) ?? fail("not_found", "segment not found")).filter).map((c) => c.id)
              : sorted()
                  .filter((c) => !c.deleted_at && (c.owner ?? "").trim() === h.from.trim())
                  .map((c) => c.id);
        const all = ids.map(live);
        let moved = 0;
        for (const c of all) {
          if ((c.owner ?? "").trim() !== h.from.trim()) continue;
          const after = { ...c, owner: to, updated_at: now };
          recordEdit(c, after, now);
          customers.set(c.id, after);
          moved++;
        }
        changed();
        return typed(cmd, { moved, skipped: all.length - moved });
      }
      default:
        return UNHANDLED;
    }
  }

  return { segments, handle };
}
