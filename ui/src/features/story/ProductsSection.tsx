import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { products, toApiError, type Product, type ProductInput } from "../../api";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { EditIcon, PlusIcon, TrashIcon } from "../../components/Icons";
import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";
import { formatMoney, formatDecimal } from "../../lib/money";
import { Field, errorProps, type FieldErrors } from "../customers/FormParts";
import { isDecimalText } from "./format";
import "./story.css";
import { FormFooter } from "../../components/FormFooter";

/** The product catalog (Settings → Products): list, create, edit, delete. */
export function ProductsSection() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [list, setList] = useState<Product[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<{ product: Product | null } | null>(null);
  const [deleting, setDeleting] = useState<Product | null>(null);

  useEffect(() => {
    let current = true;
    products.list("live").then(
      (items) => current && (setList(items), setError(null)),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [version]);

  const price = (p: Product) =>
    p.default_price === null ? "—" : p.currency ? formatMoney(p.default_price, p.currency, i18n.language) : formatDecimal(p.default_price, i18n.language);

  return (
    <section className="card" data-testid="products">
      <div className="card-head">
        <h2 className="card-title">{t("products.title")}</h2>
        <button type="button" className="button button-small" onClick={() => setEditing({ product: null })} data-testid="new-product">
          <PlusIcon size={14} /> {t("products.new")}
        </button>
      </div>
      <p className="muted card-hint">{t("products.hint")}</p>
      {error !== null && <ErrorBanner error={error} onRetry={() => setVersion((v) => v + 1)} />}
      {list && list.length === 0 && <p className="muted">{t("products.empty")}</p>}
      {list && list.length > 0 && (
        <table className="products-table">
          <thead>
            <tr>
              <th>{t("products.name")}</th>
              <th>{t("products.sku")}</th>
              <th>{t("products.category")}</th>
              <th className="num-col">{t("products.defaultPrice")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.id} data-testid="product-row">
                <td>{p.name}</td>
                <td className="mono">{p.sku ?? ""}</td>
                <td>{p.category ?? ""}</td>
                <td className="num num-col">{price(p)}</td>
                <td className="products-actions">
                  <button type="button" className="icon-button" aria-label={t("actions.edit")} title={t("actions.edit")} onClick={() => setEditing({ product: p })}>
                    <EditIcon size={13} />
                  </button>
                  <button type="button" className="icon-button" aria-label={t("actions.delete")} title={t("actions.delete")} onClick={() => setDeleting(p)}>
                    <TrashIcon size={13} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <ProductForm
          product={editing.product}
          onClose={() => setEditing(null)}
          onSaved={(p) => {
            setEditing(null);
            setVersion((v) => v + 1);
            toast({ message: (t) => t("products.saved", { name: p.name }), tone: "success" });
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t("products.confirmDeleteTitle", { name: deleting.name })}
          body={t("products.confirmDeleteBody")}
          confirmLabel={t("actions.delete")}
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            try {
              await products.delete(deleting.id);
              toast({ message: (t) => t("products.deleted", { name: deleting.name }), tone: "success" });
              setVersion((v) => v + 1);
            } catch (e) {
              toast({ message: (t) => errorText(t, e), tone: "error" });
            }
            setDeleting(null);
          }}
        />
      )}
    </section>
  );
}

const FIELDS = ["name", "sku", "default_price", "currency", "category"];

function ProductForm({ product, onClose, onSaved }: { product: Product | null; onClose: () => void; onSaved: (p: Product) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    name: product?.name ?? "",
    sku: product?.sku ?? "",
    price: product?.default_price ?? "",
    currency: product?.currency ?? "",
    category: product?.category ?? "",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    if (form.price.trim() && !isDecimalText(form.price)) {
      setErrors({ default_price: { code: "number_invalid", message: "not a number" } });
      return;
    }
    const input: ProductInput = {
      name: form.name.trim(),
      sku: form.sku.trim() || null,
      default_price: form.price.trim() || null,
      currency: form.currency.trim().toUpperCase() || null,
      category: form.category.trim() || null,
    };
    setSaving(true);
    try {
      onSaved(product ? await products.update(product.id, input) : await products.create(input));
    } catch (caught) {
      const e = toApiError(caught);
      if (e.field && FIELDS.includes(e.field)) setErrors({ [e.field]: { code: e.code, message: e.message } });
      else setFormError(e);
    } finally {
      setSaving(false);
    }
  }

  const input = (name: keyof typeof form, path: string, extra: { className?: string; maxLength?: number; placeholder?: string } = {}) => (
    <input
      id={`field-${path}`}
      className={`input ${extra.className ?? ""}`}
      value={form[name]}
      maxLength={extra.maxLength}
      placeholder={extra.placeholder}
      onChange={(e) => {
        setForm((f) => ({ ...f, [name]: e.target.value }));
        setErrors({});
      }}
      autoComplete="off"
      data-testid={`product-${path.replace("_", "-")}`}
      {...errorProps(path, errors)}
    />
  );

  return (
    <Dialog title={product ? t("products.editTitle") : t("products.newTitle")} onClose={onClose} initialFocus='[data-testid="product-name"]'>
      <form className="story-form" onSubmit={onSubmit} noValidate data-testid="product-form">
        {formError !== null && <ErrorBanner error={formError} onDismiss={() => setFormError(null)} />}
        <div className="form-grid">
          <Field label={t("products.name")} path="name" errors={errors} wide>
            {input("name", "name")}
          </Field>
          <Field label={t("products.sku")} path="sku" errors={errors}>
            {input("sku", "sku")}
          </Field>
          <Field label={t("products.category")} path="category" errors={errors}>
            {input("category", "category")}
          </Field>
          <Field label={t("products.defaultPrice")} path="default_price" errors={errors}>
            {input("price", "default_price", { className: "num", placeholder: "0.00" })}
          </Field>
          <Field label={t("products.currency")} path="currency" errors={errors}>
            {input("currency", "currency", { maxLength: 3, placeholder: t("products.anyCurrency") })}
          </Field>
        </div>
        <FormFooter
          onCancel={onClose}
          saving={saving}
          saveTestId="product-save"
          className="story-footer"
        />
      </form>
    </Dialog>
  );
}
