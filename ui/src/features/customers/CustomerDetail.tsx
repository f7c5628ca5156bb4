import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { customers, type ContactPoint, type Customer, events, touchesCustomer } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { CakeIcon, CloseIcon, EditIcon, MailIcon, PhoneIcon, PinIcon, TrashIcon } from "../../components/Icons";
import { KindIcon } from "../../components/KindIcon";
import { TierBadge } from "../../components/TierBadge";
import { formatDateSpec, formatTimestamp } from "../../lib/dates";
import { CustomerStory } from "../story/CustomerStory";
import { ConflictsCard } from "../sync/ConflictsCard";
import { sourceLabel } from "./sourceLabel";

type CustomerDetailProps = {
  id: string;
  onClose: () => void;
  onOpen: (id: string) => void;
  onEdit: (customer: Customer) => void;
  onDelete: (customer: Customer) => void;
};

type Loaded = { id: string; version: number; customer: Customer | null; error: unknown };

/** Everything about one customer, with Edit and Delete. Refetches when data changes. */
export function CustomerDetail({ id, onClose, onOpen, onEdit, onDelete }: CustomerDetailProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(
    () =>
      events.onBookChanged((c) => {
        if (touchesCustomer(c, id)) setVersion((v) => v + 1);
      }),
    [id],
  );

  useEffect(() => {
    let current = true;
    customers.get(id).then(
      (customer) => current && setLoaded({ id, version, customer, error: null }),
      (error: unknown) => current && setLoaded({ id, version, customer: null, error }),
    );
    return () => {
      current = false;
    };
  }, [id, version]);

  // While the next customer loads, keep the previous one only if it is the same customer.
  const state = loaded && loaded.id === id ? loaded : null;
  const customer = state?.customer ?? null;

  return (
    <aside className="detail" aria-label={t("detail.label")} data-testid="customer-detail">
      <div className="detail-toolbar">
        {customer && (
          <>
            <button
              type="button"
              className="button button-small"
              onClick={() => onEdit(customer)}
              data-testid="edit-customer"
            >
              <EditIcon size={14} /> {t("actions.edit")}
            </button>
            <button
              type="button"
              className="button button-small button-danger-quiet"
              onClick={() => onDelete(customer)}
              data-testid="delete-customer"
            >
              <TrashIcon size={14} /> {t("actions.delete")}
            </button>
          </>
        )}
        <span className="spacer" />
        <button type="button" className="icon-button" aria-label={t("detail.close")} title={t("detail.close")} onClick={onClose}>
          <CloseIcon size={16} />
        </button>
      </div>
      {!state && <div className="detail-loading">{t("detail.loading")}</div>}
      {state?.error !== null && state?.error !== undefined && <ErrorBanner error={state.error} />}
      {customer && <DetailBody key={customer.id} customer={customer} locale={locale} onOpen={onOpen} />}
    </aside>
  );
}

function DetailBody({ customer: c, locale, onOpen }: { customer: Customer; locale: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const none = t("detail.none");
  const facts: [string, ReactNode][] = [
    [t("fields.kind"), t(`kind.${c.kind}`)],
    ...(c.kind === "person" ? ([[t("fields.gender"), c.gender ? t(`gender.${c.gender}`) : null]] as [string, ReactNode][]) : []),
    [t("fields.customerType"), c.customer_type ? t(`customerType.${c.customer_type}`) : null],
    // The tier is shown once, as the badge beside the name (not again as a fact).
    [t("riskPreference.label"), c.risk_preference ? t(`riskPreference.${c.risk_preference}`) : null],
    [t("fields.source"), sourceLabel(t, c.source)],
    [t("fields.owner"), c.owner],
    [t("fields.region"), c.region],
    [t("fields.interests"), c.interests],
  ];

  return (
    <div className="detail-body">
      <header className="detail-header">
        <div className="detail-avatar" aria-hidden="true">
          {initials(c.name)}
        </div>
        <div className="detail-heading">
          <h2 className="detail-name" data-testid="detail-name">
            {c.name}
          </h2>
          <div className="detail-sub">
            <KindIcon kind={c.kind} size={13} />
            {c.title && <span>{c.title}</span>}
            {c.title && c.company_id && <span className="dot">·</span>}
            {c.company_id && (
              <button
                type="button"
                className="link"
                onClick={() => onOpen(c.company_id!)}
                aria-label={t("detail.openCompany", { name: c.company_name ?? "" })}
                data-testid="detail-company"
              >
                {c.company_name ?? c.company_id}
              </button>
            )}
            <span data-testid="detail-tier">
              <TierBadge tier={c.tier} />
            </span>
          </div>
        </div>
      </header>

      <ConflictsCard customerId={c.id} />

      <CustomerStory
        customer={c}
        overview={
          <>
            {c.tags.length > 0 && (
              <div className="detail-tags" aria-label={t("fields.tags")}>
                {c.tags.map((tag) => (
                  <span key={tag} className="chip">
                    {tag}
                  </span>
                ))}
              </div>
            )}

            <section className="detail-section">
              <ContactList icon={<PhoneIcon size={14} />} title={t("fields.phones")} points={c.phones} numeric />
              <ContactList icon={<MailIcon size={14} />} title={t("fields.emails")} points={c.emails} />
              <ContactList icon={<PinIcon size={14} />} title={t("fields.addresses")} points={c.addresses} />
              {c.phones.length + c.emails.length + c.addresses.length === 0 && (
                <p className="muted">{t("detail.noContact")}</p>
              )}
            </section>

            <section className="detail-section">
              <dl className="facts">
                {facts.map(([label, value]) => (
                  <div key={label} className="fact">
                    <dt>{label}</dt>
                    <dd>{value || <span className="muted">{none}</span>}</dd>
                  </div>
                ))}
              </dl>
            </section>

            {(c.birthday || c.anniversaries.length > 0) && (
              <section className="detail-section">
                <dl className="facts">
                  {c.birthday && (
                    <div className="fact">
                      <dt>
                        <CakeIcon size={13} /> {t("fields.birthday")}
                      </dt>
                      <dd data-testid="detail-birthday">{formatDateSpec(c.birthday, locale)}</dd>
                    </div>
                  )}
                  {c.anniversaries.map((a, i) => (
                    <div key={a.id ?? i} className="fact">
                      <dt>{a.label}</dt>
                      <dd>{formatDateSpec(a.date, locale)}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            )}

            {c.notes && (
              <section className="detail-section">
                <h3 className="detail-section-title">{t("fields.notes")}</h3>
                <p className="notes">{c.notes}</p>
              </section>
            )}

            {c.kind === "organization" && (
              <section className="detail-section">
                <h3 className="detail-section-title">
                  {t("fields.members")} <span className="count">{c.members.length}</span>
                </h3>
                {c.members.length === 0 ? (
                  <p className="muted">{t("detail.noMembers")}</p>
                ) : (
                  <ul className="members">
                    {c.members.map((m) => (
                      <li key={m.id}>
                        <button
                          type="button"
                          className="member"
                          onClick={() => onOpen(m.id)}
                          aria-label={t("detail.openMember", { name: m.name })}
                          data-testid="detail-member"
                          data-id={m.id}
                        >
                          <KindIcon kind={m.kind} size={13} />
                          <span className="member-name">{m.name}</span>
                          <TierBadge tier={m.tier} />
                          <span className="member-contact num">{m.phone ?? m.email ?? ""}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            )}

            <footer className="detail-meta">
              <span>
                {t("fields.created")} {formatTimestamp(c.created_at, locale)}
              </span>
              <span>
                {t("fields.updated")} {formatTimestamp(c.updated_at, locale)}
              </span>
            </footer>
          </>
        }
      />
    </div>
  );
}

/** Labels are free text; the common ones are stored as keys ("mobile") and shown translated. */
const KNOWN_LABELS = ["mobile", "work", "home", "personal", "office", "fax", "other"] as const;

function ContactList({ icon, title, points, numeric }: { icon: ReactNode; title: string; points: ContactPoint[]; numeric?: boolean }) {
  const { t } = useTranslation();
  if (points.length === 0) return null;
  const labelText = (label: string) => {
    const key = KNOWN_LABELS.find((k) => k === label.toLowerCase());
    return key ? t(`contactLabels.${key}`) : label;
  };
  return (
    <div className="contact-group" aria-label={title} role="group">
      {points.map((p, i) => (
        <div key={p.id ?? i} className="contact">
          <span className="contact-icon">{icon}</span>
          <span className={`contact-value selectable${numeric ? " num" : ""}`}>{p.value}</span>
          {p.label && <span className="contact-label">{labelText(p.label)}</span>}
        </div>
      ))}
    </div>
  );
}

/** One or two characters for the avatar: 张伟 → 张, Zhang Wei → ZW. */
function initials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return "?";
  if (/^[\p{Script=Han}]/u.test(trimmed)) return [...trimmed][0] ?? "?";
  const words = trimmed.split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => [...w][0]?.toUpperCase() ?? "")
    .join("");
}
