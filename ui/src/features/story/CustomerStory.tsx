import { useEffect, useEffectEvent, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { Complaint, Customer, Interaction, Order } from "../../api";
import { useToast } from "../../components/Toast";
import { isModalOpen, isModKey, isTypingTarget } from "../../lib/keyboard";
import { ClassificationCard } from "./ClassificationCard";
import { ComplaintForm } from "./ComplaintForm";
import { ComplaintsTab } from "./ComplaintsTab";
import { InteractionForm } from "./InteractionForm";
import { OrderForm } from "./OrderForm";
import { OrdersTab } from "./OrdersTab";
import { NextStepCard } from "./NextStepCard";
import { LogIcon } from "./StoryIcons";
import { Timeline } from "./Timeline";
import "./story.css";

export type StoryTab = "overview" | "timeline" | "orders" | "complaints";
const TABS: readonly StoryTab[] = ["overview", "timeline", "orders", "complaints"];

type Editing =
  | { what: "interaction"; interaction: Interaction | null }
  | { what: "order"; order: Order | null }
  | { what: "complaint"; complaint: Complaint | null }
  | null;

type CustomerStoryProps = {
  customer: Customer;
  /** The Overview tab's body (the customer's own fields). */
  overview: ReactNode;
};

/**
 * The customer page's tabs: Overview (fields + classification), Timeline, Orders, Complaints,
 * and the quick log (L or Ctrl+L anywhere on the page, or the Log button).
 */
export function CustomerStory({ customer, overview }: CustomerStoryProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const [tab, setTab] = useState<StoryTab>("overview");
  const [editing, setEditing] = useState<Editing>(null);

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (isModalOpen() || event.defaultPrevented || event.altKey) return;
    if (event.key.toLowerCase() !== "l") return;
    const plain = !event.ctrlKey && !event.metaKey && !event.shiftKey;
    if ((plain && !isTypingTarget(event.target)) || isModKey(event)) {
      event.preventDefault();
      setEditing({ what: "interaction", interaction: null });
    }
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const onInteractionSaved = (saved: Interaction, created: boolean) => {
    setEditing(null);
    if (created) setTab("timeline");
    toast({ message: (t) => created ? t("interactions.saved", { summary: saved.summary }) : t("interactions.updated"), tone: "success" });
  };

  return (
    <div className="story">
      <div className="story-tabs" role="tablist" aria-label={t("story.tabs")}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`story-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`story-panel-${id}`}
            className={`story-tab-button${tab === id ? " story-tab-on" : ""}`}
            onClick={() => setTab(id)}
            data-testid={`tab-${id}`}
          >
            {t(`story.${id}`)}
          </button>
        ))}
        <span className="spacer" />
        <button
          type="button"
          className="button button-small button-primary story-log"
          onClick={() => setEditing({ what: "interaction", interaction: null })}
          title={t("story.quickLogTitle")}
          data-testid="quick-log"
        >
          <LogIcon size={14} /> {t("story.quickLog")}
          <kbd className="story-kbd">L</kbd>
        </button>
      </div>
      <div className="story-panel" role="tabpanel" id={`story-panel-${tab}`} aria-labelledby={`story-tab-${tab}`}>
        {tab === "overview" && (
          <>
            <NextStepCard
              customerId={customer.id}
              onOpenInteraction={(interaction) => setEditing({ what: "interaction", interaction })}
              onOpenComplaint={(complaint) => setEditing({ what: "complaint", complaint })}
            />
            <ClassificationCard customer={customer} />
            {overview}
          </>
        )}
        {tab === "timeline" && (
          <Timeline
            customerId={customer.id}
            onEditInteraction={(interaction) => setEditing({ what: "interaction", interaction })}
            onOpenOrder={(order) => setEditing({ what: "order", order })}
            onOpenComplaint={(complaint) => setEditing({ what: "complaint", complaint })}
          />
        )}
        {tab === "orders" && (
          <OrdersTab customerId={customer.id} onNew={() => setEditing({ what: "order", order: null })} onOpen={(order) => setEditing({ what: "order", order })} />
        )}
        {tab === "complaints" && (
          <ComplaintsTab
            customerId={customer.id}
            onNew={() => setEditing({ what: "complaint", complaint: null })}
            onOpen={(complaint) => setEditing({ what: "complaint", complaint })}
          />
        )}
      </div>
      {editing?.what === "interaction" && (
        <InteractionForm customerId={customer.id} interaction={editing.interaction} onClose={() => setEditing(null)} onSaved={onInteractionSaved} />
      )}
      {editing?.what === "order" && <OrderForm customerId={customer.id} order={editing.order} onClose={() => setEditing(null)} />}
      {editing?.what === "complaint" && <ComplaintForm customerId={customer.id} complaint={editing.complaint} onClose={() => setEditing(null)} />}
    </div>
  );
}
