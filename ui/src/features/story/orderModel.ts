// The order form's state and its conversion to OrderInput. Amounts stay the strings the user
// typed: no number parsing, so "19.99" reaches the core as "19.99".
import type { Order, OrderInput, OrderStatus } from "../../api";
import type { FieldErrors } from "../customers/FormParts";
import { isDecimalText, localToday } from "./format";
import { unreadDates } from "../../lib/dateText";

export const ORDER_STATUSES: readonly OrderStatus[] = ["draft", "confirmed", "paid", "shipped", "completed", "cancelled", "refunded"];

export type LineDraft = {
  key: string;
  id?: string;
  productId: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  /** The core's line total, for a saved line. */
  total: string | null;
};

export type OrderDraft = {
  orderedOn: string;
  status: OrderStatus;
  currency: string;
  notes: string;
  financial: boolean;
  expectedReturn: string;
  stopLoss: string;
  lines: LineDraft[];
};

let seed = 0;
export function lineKey(): string {
  seed += 1;
  return `line-${seed}`;
}

export function emptyLine(): LineDraft {
  return { key: lineKey(), productId: "", description: "", quantity: "1", unitPrice: "", discount: "", total: null };
}

export function emptyOrder(currency = "CNY"): OrderDraft {
  return { orderedOn: localToday(), status: "confirmed", currency, notes: "", financial: false, expectedReturn: "", stopLoss: "", lines: [emptyLine()] };
}

export function draftFromOrder(o: Order): OrderDraft {
  return {
    orderedOn: o.ordered_on,
    status: o.status,
    currency: o.currency,
    notes: o.notes ?? "",
    financial: o.expected_return_pct !== null || o.stop_loss_pct !== null,
    expectedReturn: o.expected_return_pct ?? "",
    stopLoss: o.stop_loss_pct ?? "",
    lines: o.lines.map((l) => ({
      key: lineKey(),
      id: l.id,
      productId: l.product_id ?? "",
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unit_price,
      discount: l.discount_pct === "0" ? "" : l.discount_pct,
      total: l.total,
    })),
  };
}

const blankLine = (l: LineDraft) => !l.productId && !l.description.trim() && !l.unitPrice.trim() && (l.quantity.trim() === "1" || !l.quantity.trim());

/**
 * The OrderInput for a draft, or the field errors found before asking the core (a box that
 * does not hold a decimal number). Fully blank lines are dropped; `paths` maps the sent line
 * index back to the form's.
 */
export function draftToInput(customerId: string, d: OrderDraft): { input: OrderInput; paths: Map<string, string>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const paths = new Map<string, string>();
  const bad = (path: string) => (errors[path] = { code: "number_invalid", message: "not a decimal number" });
  const lines: OrderInput["lines"] = [];
  d.lines.forEach((l, index) => {
    if (blankLine(l)) return;
    const sent = lines.length;
    for (const name of ["product_id", "description", "quantity", "unit_price", "discount_pct"]) paths.set(`lines[${sent}].${name}`, `lines[${index}].${name}`);
    if (!isDecimalText(l.quantity)) bad(`lines[${index}].quantity`);
    if (l.unitPrice.trim() && !isDecimalText(l.unitPrice)) bad(`lines[${index}].unit_price`);
    if (l.discount.trim() && !isDecimalText(l.discount)) bad(`lines[${index}].discount_pct`);
    const line: OrderInput["lines"][number] = {
      product_id: l.productId || null,
      description: l.description.trim(),
      quantity: l.quantity.trim(),
      unit_price: l.unitPrice.trim() || null,
      discount_pct: l.discount.trim() || "0",
    };
    if (l.id) line.id = l.id;
    lines.push(line);
  });
  // The date box passes on text that is not a date yet; the core's date is a typed date.
  Object.assign(errors, unreadDates([["ordered_on", "date", d.orderedOn]]));
  if (d.financial && d.expectedReturn.trim() && !isDecimalText(d.expectedReturn)) bad("expected_return_pct");
  if (d.financial && d.stopLoss.trim() && !isDecimalText(d.stopLoss)) bad("stop_loss_pct");
  const input: OrderInput = {
    customer_id: customerId,
    ordered_on: d.orderedOn,
    status: d.status,
    currency: d.currency.trim().toUpperCase(),
    notes: d.notes.trim() || null,
    expected_return_pct: d.financial ? d.expectedReturn.trim() || null : null,
    stop_loss_pct: d.financial ? d.stopLoss.trim() || null : null,
    lines,
  };
  return { input, paths, errors };
}
