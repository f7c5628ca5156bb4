import { useEffect, useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

import { orders, products as productsApi, toApiError, type Order, type Product } from "../../api";
import { DateField } from "../../components/DateField";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { CloseIcon, PlusIcon } from "../../components/Icons";
import { useToast } from "../../components/Toast";
import { isModKey } from "../../lib/keyboard";
import { formatMoney } from "../../lib/money";
import { Field, FieldError, errorProps, type FieldErrors } from "../customers/FormParts";
import { ORDER_STATUSES, draftFromOrder, draftToInput, emptyLine, emptyOrder, type LineDraft, type OrderDraft } from "./orderModel";
import { FormFooter } from "../../components/FormFooter";
import { useDiscardGuard } from "../../components/useDiscardGuard";

type OrderFormProps = {
  customerId: string;
  order?: Order | null;
  onClose: () => void;
};

const TOP_FIELDS = ["ordered_on", "status", "currency", "notes", "expected_return_pct", "stop_loss_pct", "lines"];

/**
 * A purchase with its items. Totals are the core's: after Save the form shows each line's
 * total and the order total as computed with rust_decimal, and stays open on the saved order.
 */
export function OrderForm({ customerId, order, onClose }: OrderFormProps) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [saved, setSaved] = useState<Order | null>(order ?? null);
  const [draft, setDraft] = useState<OrderDraft>(() => (order ? draftFromOrder(order) : emptyOrder()));
  const [catalog, setCatalog] = useState<Product[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const { close, prompt: discardPrompt } = useDiscardGuard(dirty, onClose);

  useEffect(() => {
    let current = true;
    productsApi.list("live").then(
      (list) => current && setCatalog(list),
      () => current && setCatalog([]),
    );
    return () => {
      current = false;
    };
  }, []);

  function patch(change: Partial<OrderDraft>, ...clear: string[]) {
    setDraft((d) => ({ ...d, ...change }));
    setDirty(true);
    if (clear.some((p) => errors[p])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.includes(k))));
  }

  const setLine = (index: number, change: Partial<LineDraft>, field: string) =>
    patch({ lines: draft.lines.map((l, i) => (i === index ? { ...l, ...change, total: null } : l)) }, `lines[${index}].${field}`, "lines");

  function pickProduct(index: number, productId: string) {
    const p = catalog.find((c) => c.id === productId);
    const line = draft.lines[index]!;
    setLine(
      index,
      {
        productId,
        description: p && (!line.description.trim() || catalog.some((c) => c.name === line.description)) ? p.name : line.description,
        unitPrice: p?.default_price && (!p.currency || p.currency === draft.currency.toUpperCase()) && !line.unitPrice.trim() ? p.default_price : line.unitPrice,
      },
      "product_id",
    );
  }

  async function save() {
    if (saving) return;
    setFormError(null);
    const { input, paths, errors: local } = draftToInput(customerId, draft);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setSaving(true);
    try {
      const result = saved ? await orders.update(saved.id, input) : await orders.create(input);
      setSaved(result);
      setDraft(draftFromOrder(result));
      setDirty(false);
      setErrors({});
      toast({ message: (t) => t("orders.saved", { total: formatMoney(result.total, result.currency, i18n.language) }), tone: "success" });
    } catch (caught) {
      // The core names every invalid field of the order and its lines at once: mark each.
      const error = toApiError(caught);
      const known = (path: string) => TOP_FIELDS.includes(path) || /^lines\[\d+\]\./.test(path);
      const shown: FieldErrors = {};
      for (const p of error.fields) {
        const path = paths.get(p.field) ?? p.field;
        if (known(path)) shown[path] ??= { code: p.code, message: p.message };
      }
      setErrors(shown);
      if (error.fields.length === 0 || error.fields.some((p) => !known(paths.get(p.field) ?? p.field))) setFormError(error);
    } finally {
      setSaving(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save();
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (isModKey(event) && (event.key.toLowerCase() === "s" || event.key === "Enter")) {
      event.preventDefault();
      void save();
    }
  }

  const locale = i18n.language;
  const showTotals = saved !== null && !dirty;

  return (
    <Dialog title={saved ? t("orders.editTitle") : t("orders.newTitle")} onClose={close} size="large" initialFocus='[data-testid="order-line-description-0"]'>
      <form className="customer-form story-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate data-testid="order-form">
        <div className="form-scroll">
          {formError !== null && <ErrorBanner error={formError} onDismiss={() => setFormError(null)} />}
          <div className="form-grid order-top">
            <Field label={t("orders.orderedOn")} path="ordered_on" errors={errors}>
              <DateField id="field-ordered_on" type="date" value={draft.orderedOn} onValueChange={(value) => patch({ orderedOn: value }, "ordered_on")} testId="order-date" {...errorProps("ordered_on", errors)} />
            </Field>
            <Field label={t("orders.status")} path="status" errors={errors}>
              <select id="field-status" className="select" value={draft.status} onChange={(e) => patch({ status: e.target.value as OrderDraft["status"] }, "status", "lines")} data-testid="order-status">
                {ORDER_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`orders.statuses.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("orders.currency")} path="currency" errors={errors}>
              <input id="field-currency" className="input input-currency" value={draft.currency} maxLength={3} onChange={(e) => patch({ currency: e.target.value.toUpperCase() }, "currency")} autoComplete="off" data-testid="order-currency" {...errorProps("currency", errors)} />
            </Field>
          </div>

          <section className="form-section">
            <h3 className="form-section-title">{t("orders.lines")}</h3>
            <div className="order-lines" role="table" aria-label={t("orders.lines")}>
              <div className="order-line order-line-head" role="row">
                <span role="columnheader">{t("orders.product")}</span>
                <span role="columnheader">{t("orders.description")}</span>
                <span role="columnheader" className="num-col">{t("orders.quantity")}</span>
                <span role="columnheader" className="num-col">{t("orders.unitPrice")}</span>
                <span role="columnheader" className="num-col">{t("orders.discount")}</span>
                <span role="columnheader" className="num-col">{t("orders.lineTotal")}</span>
                <span />
              </div>
              {draft.lines.map((line, index) => {
                const p = (name: string) => `lines[${index}].${name}`;
                return (
                  <div key={line.key} className="order-line-block" role="row">
                    <div className="order-line">
                      <select className="select" value={line.productId} onChange={(e) => pickProduct(index, e.target.value)} aria-label={`${t("orders.product")} ${index + 1}`} data-testid={`order-line-product-${index}`} {...errorProps(p("product_id"), errors)}>
                        <option value="">{t("orders.freeText")}</option>
                        {catalog.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.sku ? `${c.name} · ${c.sku}` : c.name}
                          </option>
                        ))}
                      </select>
                      <input className="input" value={line.description} placeholder={t("orders.descriptionPlaceholder")} onChange={(e) => setLine(index, { description: e.target.value }, "description")} aria-label={`${t("orders.description")} ${index + 1}`} data-testid={`order-line-description-${index}`} {...errorProps(p("description"), errors)} />
                      <input className="input num" inputMode="decimal" value={line.quantity} onChange={(e) => setLine(index, { quantity: e.target.value }, "quantity")} aria-label={`${t("orders.quantity")} ${index + 1}`} data-testid={`order-line-quantity-${index}`} {...errorProps(p("quantity"), errors)} />
                      <input className="input num" inputMode="decimal" value={line.unitPrice} placeholder={line.productId ? t("orders.unitPriceDefault") : "0.00"} onChange={(e) => setLine(index, { unitPrice: e.target.value }, "unit_price")} aria-label={`${t("orders.unitPrice")} ${index + 1}`} data-testid={`order-line-price-${index}`} {...errorProps(p("unit_price"), errors)} />
                      <input className="input num" inputMode="decimal" value={line.discount} placeholder="0" onChange={(e) => setLine(index, { discount: e.target.value }, "discount_pct")} aria-label={`${t("orders.discount")} ${index + 1}`} data-testid={`order-line-discount-${index}`} {...errorProps(p("discount_pct"), errors)} />
                      <span className="order-line-total num" data-testid={`order-line-total-${index}`}>
                        {showTotals && line.total !== null ? formatMoney(line.total, draft.currency, locale) : "—"}
                      </span>
                      <button type="button" className="icon-button" aria-label={t("orders.removeLine")} title={t("orders.removeLine")} onClick={() => patch({ lines: draft.lines.filter((_, i) => i !== index) }, "lines")}>
                        <CloseIcon size={14} />
                      </button>
                    </div>
                    {["product_id", "description", "quantity", "unit_price", "discount_pct"].map((name) => (
                      <FieldError key={name} path={p(name)} errors={errors} />
                    ))}
                  </div>
                );
              })}
              <FieldError path="lines" errors={errors} />
              <div className="order-lines-foot">
                <button type="button" className="button button-ghost button-small" onClick={() => patch({ lines: [...draft.lines, emptyLine()] }, "lines")} data-testid="add-order-line">
                  <PlusIcon size={14} /> {t("orders.addLine")}
                </button>
                <span className="order-total-label">{t("orders.total")}</span>
                <span className={`order-total num${showTotals ? "" : " muted"}`} data-testid="order-total">
                  {showTotals ? formatMoney(saved.total, saved.currency, locale) : t("orders.totalPending")}
                </span>
              </div>
            </div>
          </section>

          <section className="form-section">
            <label className="checkbox">
              <input type="checkbox" checked={draft.financial} onChange={(e) => patch({ financial: e.target.checked })} data-testid="order-financial" />
              {t("orders.financial")}
            </label>
            {draft.financial && (
              <div className="form-grid order-financial">
                <Field label={t("orders.expectedReturn")} path="expected_return_pct" errors={errors}>
                  <input id="field-expected_return_pct" className="input num" inputMode="decimal" value={draft.expectedReturn} onChange={(e) => patch({ expectedReturn: e.target.value }, "expected_return_pct")} data-testid="order-expected-return" {...errorProps("expected_return_pct", errors)} />
                </Field>
                <Field label={t("orders.stopLoss")} path="stop_loss_pct" errors={errors}>
                  <input id="field-stop_loss_pct" className="input num" inputMode="decimal" value={draft.stopLoss} onChange={(e) => patch({ stopLoss: e.target.value }, "stop_loss_pct")} data-testid="order-stop-loss" {...errorProps("stop_loss_pct", errors)} />
                </Field>
              </div>
            )}
          </section>

          <section className="form-section">
            <Field label={t("orders.notes")} path="notes" errors={errors} wide>
              <textarea id="field-notes" className="input textarea" rows={2} value={draft.notes} onChange={(e) => patch({ notes: e.target.value }, "notes")} data-testid="order-notes" {...errorProps("notes", errors)} />
            </Field>
          </section>
        </div>
        <FormFooter
          hint={t("form.shortcutHint")}
          onCancel={close}
          cancelLabel={saved && !dirty ? t("actions.close") : t("actions.cancel")}
          cancelTestId="order-close"
          saving={saving}
          saveTestId="order-save"
        />
      </form>
      {discardPrompt}
    </Dialog>
  );
}
