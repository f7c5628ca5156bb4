// The fake core's customer records: interactions, orders, products, complaints, the timeline
// and a rough classification. Enough like the Rust core for component tests and previews;
// the real rules (rounding, RFM quintiles, cursors) live and are tested in fieldbook-core.
import { typed } from "./typed";
import type { Command } from "../api/client";
import type { ChangeEntry } from "../api/bindings/ChangeEntry";
import type { Classification } from "../api/bindings/Classification";
import type { ClassifySettings } from "../api/bindings/ClassifySettings";
import type { Complaint } from "../api/bindings/Complaint";
import type { ComplaintInput } from "../api/bindings/ComplaintInput";
import type { Customer } from "../api/bindings/Customer";
import type { Interaction } from "../api/bindings/Interaction";
import type { InteractionInput } from "../api/bindings/InteractionInput";
import type { Order } from "../api/bindings/Order";
import type { OrderInput } from "../api/bindings/OrderInput";
import type { OrderLine } from "../api/bindings/OrderLine";
import type { Product } from "../api/bindings/Product";
import type { ProductInput } from "../api/bindings/ProductInput";
import type { RecordScope } from "../api/bindings/RecordScope";
import type { TimelineItem } from "../api/bindings/TimelineItem";
import type { TimelinePage } from "../api/bindings/TimelinePage";
import { fail, failAll } from "./fail";
import type { FieldProblem } from "../api/bindings/FieldProblem";

/** A decimal string as an integer of hundredths of hundredths (4 places), no floats. */
const SCALE = 10000n;
function dec(text: string, field: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{0,4}))?$/.exec(text.trim());
  if (!m) fail("money_invalid", `${text} is not a decimal number like "19.99"`, field);
  const int = BigInt(m[2]!) * SCALE + BigInt((m[3] ?? "").padEnd(4, "0"));
  return m[1] ? -int : int;
}
function money(value: bigint): string {
  // value has 4 places; round half away from zero to 2.
  const neg = value < 0n;
  const abs = neg ? -value : value;
  const cents = (abs + 50n) / 100n;
  const text = `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
  return neg && cents !== 0n ? `-${text}` : text;
}

let seq = 0;
function id(prefix: string): string {
  seq += 1;
  return `${prefix}${String(seq).padStart(6, "0")}`;
}

export type FakeRecords = {
  handle: (cmd: Command, args: Record<string, unknown>, now: string) => unknown;
  /** Journal a customer's changed fields, as the core's write path does. */
  recordEdit: (before: Customer | null, after: Customer, now: string) => void;
  interactions: Map<string, Interaction>;
  orders: Map<string, Order>;
  products: Map<string, Product>;
  complaints: Map<string, Complaint>;
};

const EDITED_FIELDS = ["name", "tier", "customer_type", "owner", "region", "source", "title", "risk_preference", "notes"] as const;

export function createFakeRecords(customers: Map<string, Customer>): FakeRecords {
  const interactions = new Map<string, Interaction>();
  const orders = new Map<string, Order>();
  const products = new Map<string, Product>();
  const complaints = new Map<string, Complaint>();
  const edits: { at: string; change: ChangeEntry }[] = [];
  let settings: ClassifySettings = { lifecycle: { new_days: 30, silent_days: 90, lost_days: 180 }, abc: { a_share_pct: 80, b_share_pct: 95 } };

  function liveCustomer(customerId: string) {
    const c = customers.get(customerId);
    if (!c) fail("customer_not_found", `no customer ${customerId}`, "customer_id");
    if (c.deleted_at) fail("customer_in_trash", "the customer is in the Trash", "customer_id");
  }

  function recordEdit(before: Customer | null, after: Customer, now: string) {
    const push = (field: string, old: unknown, value: unknown) => {
      edits.push({
        at: now,
        change: {
          seq: edits.length + 1,
          hlc: `${Date.parse(now)}-0-dev`,
          entity: "customers",
          row_id: after.id,
          field,
          old_value: old === null || old === undefined ? null : JSON.stringify(old),
          new_value: value === null || value === undefined ? null : JSON.stringify(value),
          origin: "dev-7f3a9c21",
        },
      });
    };
    if (!before) return push("*", null, null);
    for (const f of EDITED_FIELDS) if ((before[f] ?? null) !== (after[f] ?? null)) push(f, before[f], after[f]);
  }

  function checkInteraction(input: InteractionInput, now: string, old?: Interaction): Interaction {
    liveCustomer(input.customer_id);
    // As the core: every invalid field in one error, in the core's order.
    const problems: FieldProblem[] = [];
    if (input.occurred_at && Number.isNaN(Date.parse(input.occurred_at)))
      problems.push({ code: "time_format", message: "bad time", field: "occurred_at" });
    if (!input.summary.trim()) problems.push({ code: "summary_empty", message: "summary must not be empty", field: "summary" });
    if (input.follow_up_on && input.follow_up_on < "1900-01-01")
      problems.push({ code: "date_out_of_range", message: "date out of range", field: "follow_up_on" });
    failAll(problems);
    return {
      id: old?.id ?? id("i"),
      customer_id: input.customer_id,
      kind: input.kind,
      occurred_at: input.occurred_at ? new Date(input.occurred_at).toISOString() : (old?.occurred_at ?? now),
      summary: input.summary.trim(),
      outcome: input.outcome,
      next_step: input.next_step,
      follow_up_on: input.follow_up_on,
      created_at: old?.created_at ?? now,
      updated_at: now,
      deleted_at: null,
    };
  }

  function checkOrder(input: OrderInput, now: string, old?: Order): Order {
    liveCustomer(input.customer_id);
    // As the core: every invalid field of the order and its lines in one error, in its order.
    const problems: FieldProblem[] = [];
    const problem = (code: string, message: string, field: string) => problems.push({ code, message, field });
    const num = (text: string, field: string): bigint | null => {
      const m = /^(-?)(\d+)(?:\.(\d{0,4}))?$/.exec(text.trim());
      if (m) return dec(text, field);
      problem("money_invalid", `${text} is not a decimal number like "19.99"`, field);
      return null;
    };
    if (input.ordered_on < "1900-01-01") problem("date_out_of_range", "date out of range", "ordered_on");
    if (!/^[A-Za-z]{3}$/.test(input.currency.trim())) problem("currency_invalid", "not a currency", "currency");
    const currency = input.currency.trim().toUpperCase();
    if (input.lines.length === 0 && input.status !== "draft") problem("lines_empty", "an order needs an item", "lines");
    let total = 0n;
    const lines: OrderLine[] = input.lines.map((l, i) => {
      const f = (n: string) => `lines[${i}].${n}`;
      const product = l.product_id ? products.get(l.product_id) : undefined;
      if (l.product_id && !product) problem("product_not_found", "no product", f("product_id"));
      const description = l.description.trim() || product?.name || "";
      if (!description && !(l.product_id && !product)) problem("description_empty", "describe the item", f("description"));
      const price = l.unit_price ?? product?.default_price ?? null;
      if (price === null && !(l.product_id && !product)) problem("price_missing", "enter a unit price", f("unit_price"));
      const q = num(l.quantity, f("quantity"));
      if (q !== null && q <= 0n) problem("quantity_not_positive", "quantity must be above zero", f("quantity"));
      const p = price === null ? null : num(price, f("unit_price"));
      if (p !== null && p < 0n) problem("price_negative", "a price cannot be negative", f("unit_price"));
      const d = num(l.discount_pct || "0", f("discount_pct"));
      if (d !== null && (d < 0n || d > 100n * SCALE)) problem("pct_out_of_range", "discount must be 0–100%", f("discount_pct"));
      const lineTotal = ((q ?? 0n) * (p ?? 0n) * (100n * SCALE - (d ?? 0n))) / (SCALE * 100n * SCALE);
      const rounded = money(lineTotal);
      total += dec(rounded, f("quantity"));
      return { id: l.id ?? id("l"), product_id: l.product_id, description, quantity: l.quantity, unit_price: price ?? "0", discount_pct: l.discount_pct || "0", total: rounded };
    });
    failAll(problems);
    return {
      id: old?.id ?? id("o"),
      customer_id: input.customer_id,
      ordered_on: input.ordered_on,
      status: input.status,
      currency,
      notes: input.notes,
      expected_return_pct: input.expected_return_pct,
      stop_loss_pct: input.stop_loss_pct,
      lines,
      total: money(total),
      created_at: old?.created_at ?? now,
      updated_at: now,
      deleted_at: null,
    };
  }

  function checkComplaint(input: ComplaintInput, now: string, old?: Complaint): Complaint {
    liveCustomer(input.customer_id);
    // As the core: every invalid field in one error, in the core's order.
    const problems: FieldProblem[] = [];
    if (input.opened_on < "1900-01-01") problems.push({ code: "date_out_of_range", message: "date out of range", field: "opened_on" });
    if (!input.subject.trim()) problems.push({ code: "subject_empty", message: "subject must not be empty", field: "subject" });
    if (input.satisfaction !== null && (input.satisfaction < 1 || input.satisfaction > 5))
      problems.push({ code: "satisfaction_out_of_range", message: "satisfaction is 1 to 5", field: "satisfaction" });
    if (input.return_visit_on && input.return_visit_on < input.opened_on)
      problems.push({ code: "return_visit_before_opened", message: "the return visit is before the complaint", field: "return_visit_on" });
    failAll(problems);
    return { ...input, subject: input.subject.trim(), id: old?.id ?? id("k"), created_at: old?.created_at ?? now, updated_at: now, deleted_at: null };
  }

  function checkProduct(input: ProductInput, now: string, old?: Product): Product {
    if (!input.name.trim()) fail("name_empty", "name must not be empty", "name");
    if (input.default_price !== null && dec(input.default_price, "default_price") < 0n)
      fail("price_negative", "a price cannot be negative", "default_price");
    return { ...input, name: input.name.trim(), id: old?.id ?? id("p"), created_at: old?.created_at ?? now, updated_at: now, deleted_at: null };
  }

  function need<T>(map: Map<string, T>, key: unknown, entity: string): T {
    const found = map.get(String(key));
    if (!found) fail("not_found", `${entity} ${String(key)} not found`);
    return found;
  }

  /** Store a record (new or replaced) and answer with it, as the create/update commands do. */
  function save<T extends { id: string }>(map: Map<string, T>, row: T): T {
    map.set(row.id, row);
    return row;
  }

  function toTrash<T extends { deleted_at: string | null }>(map: Map<string, T>, id: unknown, entity: string, now: string): null {
    map.set(String(id), { ...need(map, id, entity), deleted_at: now });
    return null;
  }

  function fromTrash<T extends { id: string; deleted_at: string | null }>(map: Map<string, T>, id: unknown, entity: string): T {
    return save(map, { ...need(map, id, entity), deleted_at: null });
  }

  const inScope = (scope: unknown) => (row: { deleted_at: string | null }) => (scope === "trash" ? row.deleted_at !== null : row.deleted_at === null);
  const byCustomer = (cid: unknown) => (row: { customer_id: string }) => row.customer_id === cid;
  const dayStart = (d: string) => `${d}T00:00:00.000Z`;
  const dated = (day: string, created: string) => (created.slice(0, 10) === day ? created : dayStart(day));

  function story(customerId: string): TimelineItem[] {
    const items: TimelineItem[] = [
      ...[...interactions.values()].filter((i) => i.customer_id === customerId && !i.deleted_at).map((interaction) => ({ type: "interaction" as const, at: interaction.occurred_at, interaction })),
      ...[...orders.values()].filter((o) => o.customer_id === customerId && !o.deleted_at).map((order) => ({ type: "order" as const, at: dated(order.ordered_on, order.created_at), order })),
      ...[...complaints.values()].filter((c) => c.customer_id === customerId && !c.deleted_at).map((complaint) => ({ type: "complaint" as const, at: dated(complaint.opened_on, complaint.created_at), complaint })),
      ...edits.filter((e) => e.change.row_id === customerId).map(({ at, change }) => ({ type: "edit" as const, at, change })),
    ];
    const key = (item: TimelineItem) => `${item.at}|${item.type === "edit" ? `j${item.change.seq}` : item.type === "interaction" ? item.interaction.id : item.type === "order" ? item.order.id : item.complaint.id}`;
    return items.map((item) => ({ item, k: key(item) })).sort((a, b) => (a.k < b.k ? 1 : a.k > b.k ? -1 : 0)).map((x) => x.item);
  }

  function classifyCustomer(customerId: string, now: string): Classification {
    const c = customers.get(customerId) ?? fail("not_found", `customer ${customerId} not found`);
    const days = (iso: string) => Math.max(0, Math.floor((Date.parse(now) - Date.parse(iso)) / 86_400_000));
    const bought = [...orders.values()].filter((o) => o.customer_id === customerId && !o.deleted_at && o.status !== "cancelled" && o.status !== "draft");
    const talked = [...interactions.values()].filter((i) => i.customer_id === customerId && !i.deleted_at);
    const lastBuy = bought.map((o) => dayStart(o.ordered_on)).sort().pop();
    const lastTalk = talked.map((i) => i.occurred_at).sort().pop();
    const { new_days, silent_days, lost_days } = settings.lifecycle;
    let reason: Classification["reason"];
    if (lastBuy && (!lastTalk || lastBuy >= lastTalk)) reason = { code: "last_purchase_days", days: days(lastBuy), text: "" };
    else if (lastTalk) reason = { code: "last_interaction_days", days: days(lastTalk), text: "" };
    else reason = { code: "added_days", days: days(c.created_at), text: "" };
    reason.text = `${reason.code} ${reason.days}`;
    const stage = reason.days >= lost_days ? "lost" : reason.days >= silent_days ? "silent" : !lastBuy && days(c.created_at) <= new_days ? "new" : "active";
    let sum = 0n;
    for (const o of bought) sum += dec(o.total, "total");
    const rfm = bought.length === 0 ? null : {
      recency_days: days(lastBuy!),
      frequency: bought.length,
      monetary: money(sum),
      currency: bought[0]!.currency,
      r: reason.days < 30 ? 5 : reason.days < 90 ? 4 : reason.days < 180 ? 3 : 2,
      f: Math.min(5, bought.length),
      m: sum > 100000n * SCALE ? 5 : sum > 10000n * SCALE ? 4 : sum > 1000n * SCALE ? 3 : 2,
    };
    const suggested_tier = !rfm ? "C" : rfm.m >= 4 ? "A" : rfm.m === 3 ? "B" : "C";
    return { customer_id: customerId, stage, reason, rfm, suggested_tier };
  }

  function handle(cmd: Command, args: Record<string, unknown>, now: string): unknown {
    switch (cmd) {
      case "interactions_list": {
        const rows = [...interactions.values()].filter(byCustomer(args.customerId)).filter(inScope(args.scope)).sort((a, b) => b.occurred_at.localeCompare(a.occurred_at));
        const offset = Number(args.offset);
        return typed(cmd, { total: rows.length, offset, items: rows.slice(offset, offset + Number(args.limit)) });
      }
      case "interactions_create":
        return typed(cmd, save(interactions, checkInteraction(args.input as InteractionInput, now)));
      case "interactions_update":
        return typed(cmd, save(interactions, checkInteraction(args.input as InteractionInput, now, need(interactions, args.id, "interaction"))));
      case "interactions_delete":
        return typed(cmd, toTrash(interactions, args.id, "interaction", now));
      case "interactions_restore":
        return typed(cmd, fromTrash(interactions, args.id, "interaction"));
      case "orders_list": {
        const rows = [...orders.values()].filter(byCustomer(args.customerId)).filter(inScope(args.scope)).sort((a, b) => b.ordered_on.localeCompare(a.ordered_on) || b.created_at.localeCompare(a.created_at));
        const offset = Number(args.offset);
        return typed(cmd, { total: rows.length, offset, items: rows.slice(offset, offset + Number(args.limit)) });
      }
      case "orders_get":
        return typed(cmd, need(orders, args.id, "order"));
      case "orders_create":
        return typed(cmd, save(orders, checkOrder(args.input as OrderInput, now)));
      case "orders_update":
        return typed(cmd, save(orders, checkOrder(args.input as OrderInput, now, need(orders, args.id, "order"))));
      case "orders_delete":
        return typed(cmd, toTrash(orders, args.id, "order", now));
      case "orders_restore":
        return typed(cmd, fromTrash(orders, args.id, "order"));
      case "products_list":
        return typed(cmd, [...products.values()].filter(inScope(args.scope as RecordScope)).sort((a, b) => a.name.localeCompare(b.name, "zh-CN")));
      case "products_create":
        return typed(cmd, save(products, checkProduct(args.input as ProductInput, now)));
      case "products_update":
        return typed(cmd, save(products, checkProduct(args.input as ProductInput, now, need(products, args.id, "product"))));
      case "products_delete":
        return typed(cmd, toTrash(products, args.id, "product", now));
      case "complaints_list":
        return typed(cmd, [...complaints.values()].filter(byCustomer(args.customerId)).filter(inScope(args.scope)).sort((a, b) => b.opened_on.localeCompare(a.opened_on)));
      case "complaints_create":
        return typed(cmd, save(complaints, checkComplaint(args.input as ComplaintInput, now)));
      case "complaints_update":
        return typed(cmd, save(complaints, checkComplaint(args.input as ComplaintInput, now, need(complaints, args.id, "complaint"))));
      case "complaints_delete":
        return typed(cmd, toTrash(complaints, args.id, "complaint", now));
      case "complaints_restore":
        return typed(cmd, fromTrash(complaints, args.id, "complaint"));
      case "timeline_list": {
        const all = story(String(args.customerId));
        const start = args.before ? Number(String(args.before).split("|")[0]) : 0;
        const limit = Number(args.limit);
        const items = all.slice(start, start + limit);
        const page: TimelinePage = { items, next_before: start + limit < all.length ? `${start + limit}|cursor` : null };
        return typed(cmd, page);
      }
      case "classify_customer":
        return typed(cmd, classifyCustomer(String(args.customerId), now));
      case "classify_settings_get":
        return typed(cmd, settings);
      case "classify_settings_update":
        settings = args.settings as ClassifySettings;
        return typed(cmd, settings);
      default:
        throw new Error(`fake backend: unknown command ${cmd}`);
    }
  }

  return { handle, recordEdit, interactions, orders, products, complaints };
}
