import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { classify, customers, type Classification, type Customer, events } from "../../api";
import { TierBadge } from "../../components/TierBadge";
import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";
import { formatMoney } from "../../lib/money";
import { customerToInput, stageReasonText } from "./format";
import { RevisitCadence } from "./RevisitCadence";

type Loaded = { key: string; value: Classification | null; error: unknown };

/** Stage with its reason, RFM scores, and the suggested tier next to the manual one. */
export function ClassificationCard({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [accepting, setAccepting] = useState(false);
  const key = `${customer.id}:${version}`;

  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    // RFM and the ABC suggestion rank the customer among the whole book: any change counts.
    const off = events.onBookChanged(bump);
    return () => {
      off();
    };
  }, [customer.id]);

  useEffect(() => {
    let current = true;
    classify.customer(customer.id).then(
      (value) => current && setLoaded({ key, value, error: null }),
      (error: unknown) => current && setLoaded({ key, value: null, error }),
    );
    return () => {
      current = false;
    };
  }, [customer.id, key]);

  // Keep showing the last answer for this customer while a fresh one loads.
  const c = loaded && loaded.key.startsWith(`${customer.id}:`) ? loaded.value : null;
  if (loaded?.error && !c) return <p className="muted story-note">{t("classify.unavailable")}</p>;
  if (!c) return null;

  async function accept(tier: Classification["suggested_tier"]) {
    setAccepting(true);
    try {
      await customers.update(customer.id, { ...customerToInput(customer), tier });
      toast({ message: (t) => t("classify.accepted", { tier: t(`tier.${tier}`) }), tone: "success" });
    } catch (error) {
      toast({ message: (t) => errorText(t, error), tone: "error" });
    } finally {
      setAccepting(false);
    }
  }

  const rfm = c.rfm;
  const sameTier = customer.tier === c.suggested_tier;
  return (
    <section className="detail-section classify" aria-label={t("classify.title")} data-testid="classification">
      <h3 className="detail-section-title">{t("classify.title")}</h3>
      <div className="classify-stage">
        <span className={`stage stage-${c.stage}`} data-testid="stage-badge" data-stage={c.stage}>
          {t(`classify.stage.${c.stage}`)}
        </span>
        <span className="classify-reason" data-testid="stage-reason">
          {stageReasonText(t, c.reason)}
        </span>
      </div>
      <div className="classify-tiers">
        {/* The customer's own tier is the badge by the name; here only when there is none. */}
        {!customer.tier && (
          <>
            <span className="classify-label">{t("classify.manualTier")}</span>
            <span className="muted classify-label-gap" data-testid="manual-tier-unset">
              {t("classify.notSet")}
            </span>
          </>
        )}
        <span className="classify-label">{t("classify.suggestedTier")}</span>
        <span data-testid="suggested-tier" data-tier={c.suggested_tier}>
          <TierBadge tier={c.suggested_tier} />
        </span>
        {sameTier ? (
          <span className="muted classify-match">✓ {t("classify.matches")}</span>
        ) : (
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => void accept(c.suggested_tier)}
            disabled={accepting}
            title={t("classify.acceptTitle", { tier: t(`tier.${c.suggested_tier}`) })}
            data-testid="accept-tier"
          >
            {t("classify.accept")}
          </button>
        )}
      </div>
      <RevisitCadence customer={customer} />
      {rfm ? (
        <div className="rfm" data-testid="rfm">
          <RfmScore label={t("classify.recency")} score={rfm.r} detail={t("classify.recencyDays", { count: rfm.recency_days })} letter="R" />
          <RfmScore label={t("classify.frequency")} score={rfm.f} detail={t("classify.frequencyCount", { count: rfm.frequency })} letter="F" />
          <RfmScore label={t("classify.monetary")} score={rfm.m} detail={formatMoney(rfm.monetary, rfm.currency, i18n.language)} letter="M" />
        </div>
      ) : (
        <p className="muted story-note">{t("classify.noRfm")}</p>
      )}
    </section>
  );
}

function RfmScore({ label, score, detail, letter }: { label: string; score: number; detail: string; letter: string }) {
  const { t } = useTranslation();
  return (
    <div className="rfm-cell" title={`${label}: ${t("classify.score", { score })}`} data-testid={`rfm-${letter.toLowerCase()}`}>
      <div className="rfm-head">
        <span className="rfm-letter">{letter}</span>
        <span className="rfm-score num">{score}</span>
        <span className="rfm-bar" aria-hidden="true">
          {[1, 2, 3, 4, 5].map((n) => (
            <i key={n} className={n <= score ? "on" : ""} />
          ))}
        </span>
      </div>
      <div className="rfm-label">{label}</div>
      <div className="rfm-detail num">{detail}</div>
    </div>
  );
}
