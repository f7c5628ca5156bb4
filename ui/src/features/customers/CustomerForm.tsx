import { useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

import { customers, toApiError, type Customer } from "../../api";
import { useDiscardGuard, useEditedSinceOpen } from "../../components/useDiscardGuard";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { CloseIcon, PlusIcon } from "../../components/Icons";
import { isModKey } from "../../lib/keyboard";
import { CompanyPicker } from "./CompanyPicker";
import { ContactRows, DateInput, Field, FieldError, TagInput, errorProps, type FieldErrors } from "./FormParts";
import {
  CUSTOMER_TYPES,
  GENDERS,
  RISK_PREFERENCES,
  TIERS,
  emptyDate,
  emptyForm,
  formFromCustomer,
  formToInput,
  pathId,
  rowKey,
  type AnniversaryRow,
  type FormState,
} from "./formModel";
import { FormFooter } from "../../components/FormFooter";

type CustomerFormProps = {
  /** The customer being edited; absent for a new one. */
  customer?: Customer | null;
  onClose: () => void;
  onSaved: (customer: Customer, created: boolean) => void;
};

/** Paths the form can show an error under; anything else goes to the banner. */
function fieldPathExists(path: string, f: FormState): boolean {
  const simple = [
    "name",
    "kind",
    "gender",
    "title",
    "company_id",
    "source",
    "owner",
    "tier",
    "customer_type",
    "risk_preference",
    "region",
    "interests",
    "tags",
    "notes",
    "birthday",
  ];
  if (simple.includes(path)) return true;
  const m = /^(phones|emails|addresses|anniversaries)\[(\d+)\]$/.exec(path);
  if (!m) return false;
  const list = m[1] as "phones" | "emails" | "addresses" | "anniversaries";
  return Number(m[2]) < f[list].length;
}

function focusField(path: string) {
  window.requestAnimationFrame(() => {
    const el = document.getElementById(`field-${pathId(path)}`);
    if (el instanceof HTMLElement) el.focus();
  });
}

export function CustomerForm({ customer, onClose, onSaved }: CustomerFormProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<FormState>(() => (customer ? formFromCustomer(customer) : emptyForm()));
  const { close, prompt: discardPrompt } = useDiscardGuard(useEditedSinceOpen(form), onClose);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const editing = Boolean(customer);
  const isOrg = form.kind === "organization";

  /** Change some fields; their errors go away as the user fixes them. */
  function patch(change: Partial<FormState>, ...clear: string[]) {
    setForm((f) => ({ ...f, ...change }));
    if (clear.some((p) => errors[p])) {
      setErrors((e) => {
        const next = { ...e };
        for (const p of clear) delete next[p];
        return next;
      });
    }
  }

  async function save() {
    if (saving) return;
    setFormError(null);
    // The core decides, and names every failing field at once (not one per save).
    const { input, paths } = formToInput(form);
    setSaving(true);
    try {
      const saved = customer ? await customers.update(customer.id, input) : await customers.create(input);
      setErrors({});
      onSaved(saved, !customer);
    } catch (caught) {
      const error = toApiError(caught);
      // Each failing field under its box; one the form has no box for goes to the banner.
      const shown: FieldErrors = {};
      let first: string | null = null;
      let elsewhere = false;
      for (const problem of error.fields) {
        const path = paths.get(problem.field) ?? problem.field;
        if (!fieldPathExists(path, form)) {
          elsewhere = true;
          continue;
        }
        shown[path] ??= { code: problem.code, message: problem.message };
        first ??= path;
      }
      setErrors(shown);
      if (first) focusField(first);
      if (elsewhere || error.fields.length === 0) setFormError(error);
    } finally {
      setSaving(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save();
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (isModKey(event) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      void save();
    }
  }

  const setAnniversary = (index: number, change: Partial<AnniversaryRow>) =>
    patch(
      { anniversaries: form.anniversaries.map((a, i) => (i === index ? { ...a, ...change } : a)) },
      `anniversaries[${index}]`,
    );

  const hasErrors = Object.keys(errors).length > 0;

  return (
    <Dialog
      title={editing ? t("form.editTitle") : t("form.newTitle")}
      onClose={close}
      size="large"
      initialFocus='[data-testid="field-name"]'
    >
      <form className="customer-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate data-testid="customer-form">
        <div className="form-scroll">
          {formError !== null && <ErrorBanner error={formError} onDismiss={() => setFormError(null)} />}
          {hasErrors && (
            <p className="form-hint-error" role="status">
              {t("form.fixErrors")}
            </p>
          )}

          <section className="form-section">
            <h3 className="form-section-title">{t("form.sectionBasics")}</h3>
            <div className="form-grid">
              <Field label={t("fields.kind")} path="kind" errors={errors}>
                <select
                  id="field-kind"
                  className="select"
                  value={form.kind}
                  onChange={(e) => {
                    const kind = e.target.value === "organization" ? "organization" : "person";
                    patch({ kind, company: kind === "organization" ? null : form.company }, "kind", "company_id");
                  }}
                  data-testid="field-kind"
                  {...errorProps("kind", errors)}
                >
                  <option value="person">{t("kind.person")}</option>
                  <option value="organization">{t("kind.organization")}</option>
                </select>
              </Field>
              <Field label={isOrg ? t("fields.orgName") : t("fields.name")} path="name" errors={errors}>
                <input
                  id="field-name"
                  className="input"
                  value={form.name}
                  placeholder={isOrg ? t("form.orgNamePlaceholder") : t("form.namePlaceholder")}
                  onChange={(e) => patch({ name: e.target.value }, "name")}
                  autoComplete="off"
                  required
                  data-testid="field-name"
                  {...errorProps("name", errors)}
                />
              </Field>
              {!isOrg && (
                <Field label={t("fields.gender")} path="gender" errors={errors}>
                  <select
                    id="field-gender"
                    className="select"
                    value={form.gender}
                    onChange={(e) => patch({ gender: e.target.value as FormState["gender"] }, "gender")}
                    data-testid="field-gender"
                  >
                    <option value="">{t("form.notSet")}</option>
                    {GENDERS.map((g) => (
                      <option key={g} value={g}>
                        {t(`gender.${g}`)}
                      </option>
                    ))}
                  </select>
                </Field>
              )}
              {!isOrg && (
                <Field label={t("fields.title")} path="title" errors={errors}>
                  <input
                    id="field-title"
                    className="input"
                    value={form.title}
                    onChange={(e) => patch({ title: e.target.value }, "title")}
                    data-testid="field-title"
                    {...errorProps("title", errors)}
                  />
                </Field>
              )}
              {!isOrg && (
                <Field label={t("fields.company")} path="company_id" errors={errors} wide>
                  <CompanyPicker
                    value={form.company}
                    onChange={(company) => patch({ company }, "company_id")}
                    invalid={Boolean(errors.company_id)}
                    describedBy={errors.company_id ? "error-company_id" : undefined}
                  />
                </Field>
              )}
            </div>
          </section>

          <section className="form-section">
            <h3 className="form-section-title">{t("form.sectionContact")}</h3>
            <div className="form-grid">
              <div className="field field-wide">
                <span className="field-label">{t("fields.phones")}</span>
                <ContactRows
                  list="phones"
                  rows={form.phones}
                  errors={errors}
                  onChange={(phones) => patch({ phones }, ...form.phones.map((_, i) => `phones[${i}]`))}
                  defaultLabel={t("form.phoneLabelDefault")}
                  placeholder={t("form.phonePlaceholder")}
                  addLabel={t("form.addPhone")}
                  inputType="tel"
                />
              </div>
              <div className="field field-wide">
                <span className="field-label">{t("fields.emails")}</span>
                <ContactRows
                  list="emails"
                  rows={form.emails}
                  errors={errors}
                  onChange={(emails) => patch({ emails }, ...form.emails.map((_, i) => `emails[${i}]`))}
                  defaultLabel={t("form.emailLabelDefault")}
                  placeholder={t("form.emailPlaceholder")}
                  addLabel={t("form.addEmail")}
                  inputType="email"
                />
              </div>
              <div className="field field-wide">
                <span className="field-label">{t("fields.addresses")}</span>
                <ContactRows
                  list="addresses"
                  rows={form.addresses}
                  errors={errors}
                  onChange={(addresses) => patch({ addresses }, ...form.addresses.map((_, i) => `addresses[${i}]`))}
                  defaultLabel={t("form.addressLabelDefault")}
                  placeholder={t("form.addressPlaceholder")}
                  addLabel={t("form.addAddress")}
                  inputType="text"
                />
              </div>
            </div>
          </section>

          <section className="form-section">
            <h3 className="form-section-title">{t("form.sectionRelationship")}</h3>
            <div className="form-grid">
              <Field label={t("fields.tier")} path="tier" errors={errors}>
                <select
                  id="field-tier"
                  className="select"
                  value={form.tier}
                  onChange={(e) => patch({ tier: e.target.value as FormState["tier"] }, "tier")}
                  data-testid="field-tier"
                >
                  <option value="">{t("form.notSet")}</option>
                  {TIERS.map((tier) => (
                    <option key={tier} value={tier}>
                      {t(`tier.${tier}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t("fields.customerType")} path="customer_type" errors={errors}>
                <select
                  id="field-customer_type"
                  className="select"
                  value={form.customerType}
                  onChange={(e) => patch({ customerType: e.target.value as FormState["customerType"] }, "customer_type")}
                  data-testid="field-customer-type"
                >
                  <option value="">{t("form.notSet")}</option>
                  {CUSTOMER_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`customerType.${type}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t("riskPreference.label")} path="risk_preference" errors={errors}>
                <select
                  id="field-risk_preference"
                  className="select"
                  value={form.riskPreference}
                  onChange={(e) => patch({ riskPreference: e.target.value as FormState["riskPreference"] }, "risk_preference")}
                  data-testid="field-risk-preference"
                >
                  <option value="">{t("form.notSet")}</option>
                  {RISK_PREFERENCES.map((risk) => (
                    <option key={risk} value={risk}>
                      {t(`riskPreference.${risk}`)}
                    </option>
                  ))}
                </select>
              </Field>
              {(["source", "owner", "region", "interests"] as const).map((name) => (
                <Field key={name} label={t(`fields.${name}`)} path={name} errors={errors}>
                  <input
                    id={`field-${name}`}
                    className="input"
                    value={form[name]}
                    onChange={(e) => patch({ [name]: e.target.value }, name)}
                    data-testid={`field-${name}`}
                    {...errorProps(name, errors)}
                  />
                </Field>
              ))}
              <Field label={t("fields.tags")} path="tags" errors={errors} wide>
                <TagInput
                  tags={form.tags}
                  draft={form.tagDraft}
                  onChange={(tags, tagDraft) => patch({ tags, tagDraft }, "tags")}
                />
              </Field>
            </div>
          </section>

          <section className="form-section">
            <h3 className="form-section-title">{t("form.sectionDates")}</h3>
            <div className="form-grid">
              {!isOrg && (
                <Field label={t("fields.birthday")} path="birthday" errors={errors} wide>
                  <DateInput
                    value={form.birthday}
                    onChange={(birthday) => patch({ birthday }, "birthday")}
                    testIdPrefix="field-birthday"
                    path="birthday"
                    errors={errors}
                    label={t("fields.birthday")}
                  />
                </Field>
              )}
              <div className="field field-wide">
                <span className="field-label">{t("fields.anniversaries")}</span>
                <div className="repeat-list">
                  {form.anniversaries.map((row, index) => {
                    const path = `anniversaries[${index}]`;
                    return (
                      <div key={row.key} className="repeat-item">
                        <div className="repeat-row anniversary-row">
                          <input
                            className="input input-label-wide"
                            value={row.label}
                            placeholder={t("form.anniversaryLabelPlaceholder")}
                            aria-label={`${t("fields.anniversaries")} ${index + 1}`}
                            onChange={(e) => setAnniversary(index, { label: e.target.value })}
                            data-testid={`field-anniversary-label-${index}`}
                            {...errorProps(path, errors)}
                          />
                          <DateInput
                            value={row.date}
                            onChange={(date) => setAnniversary(index, { date })}
                            testIdPrefix={`field-anniversary-${index}`}
                            path={path}
                            errors={{}}
                            label={`${t("fields.anniversaries")} ${index + 1}`}
                          />
                          <button
                            type="button"
                            className="icon-button"
                            aria-label={t("form.removeRow")}
                            title={t("form.removeRow")}
                            onClick={() =>
                              patch(
                                { anniversaries: form.anniversaries.filter((_, i) => i !== index) },
                                ...form.anniversaries.map((_, i) => `anniversaries[${i}]`),
                              )
                            }
                          >
                            <CloseIcon size={14} />
                          </button>
                        </div>
                        <FieldError path={path} errors={errors} />
                      </div>
                    );
                  })}
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    onClick={() =>
                      patch({
                        anniversaries: [...form.anniversaries, { key: rowKey(), label: "", date: emptyDate() }],
                      })
                    }
                    data-testid="add-anniversary"
                  >
                    <PlusIcon size={14} /> {t("form.addAnniversary")}
                  </button>
                </div>
              </div>
            </div>
          </section>

          <section className="form-section">
            <Field label={t("fields.notes")} path="notes" errors={errors} wide>
              <textarea
                id="field-notes"
                className="input textarea"
                rows={4}
                value={form.notes}
                onChange={(e) => patch({ notes: e.target.value }, "notes")}
                data-testid="field-notes"
                {...errorProps("notes", errors)}
              />
            </Field>
          </section>
        </div>

        <FormFooter
          hint={t("form.shortcutHint")}
          onCancel={close}
          cancelTestId="cancel-customer"
          saving={saving}
          saveTestId="save-customer"
        />
      </form>
      {discardPrompt}
    </Dialog>
  );
}
