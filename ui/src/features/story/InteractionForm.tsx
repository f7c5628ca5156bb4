import { useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

import { interactions, toApiError, type Interaction, type InteractionInput, type InteractionKind } from "../../api";
import { DateField } from "../../components/DateField";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import type { DateBoxes } from "../../lib/dateText";
import { Field, errorProps, refuseUnreadDates, type FieldErrors } from "../customers/FormParts";
import { isModKey } from "../../lib/keyboard";
import { fromLocalInput, toLocalInput } from "./format";
import { FormFooter } from "../../components/FormFooter";
import { useDiscardGuard, useEditedSinceOpen } from "../../components/useDiscardGuard";

export const INTERACTION_KINDS: readonly InteractionKind[] = ["visit", "call", "wechat", "sms", "message", "email", "meeting", "gift", "other"];

const FIELDS = ["kind", "occurred_at", "summary", "outcome", "next_step", "follow_up_on"];

type InteractionFormProps = {
  customerId: string;
  /** The interaction being edited; absent to log a new one. */
  interaction?: Interaction | null;
  onClose: () => void;
  onSaved: (saved: Interaction, created: boolean) => void;
};

/** The quick log: kind, summary and Enter. Time defaults to now (the core stamps it). */
export function InteractionForm({ customerId, interaction, onClose, onSaved }: InteractionFormProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<InteractionKind>(interaction?.kind ?? "visit");
  const [when, setWhen] = useState(interaction ? toLocalInput(interaction.occurred_at) : "");
  const [summary, setSummary] = useState(interaction?.summary ?? "");
  const [outcome, setOutcome] = useState(interaction?.outcome ?? "");
  const [nextStep, setNextStep] = useState(interaction?.next_step ?? "");
  const [followUp, setFollowUp] = useState(interaction?.follow_up_on ?? "");
  // Anything typed since the form opened makes Esc and Cancel ask first.
  const edited = useEditedSinceOpen([kind, when, summary, outcome, nextStep, followUp]);
  const { close, prompt: discardPrompt } = useDiscardGuard(edited, onClose);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    if (saving) return;
    setFormError(null);
    const dates: DateBoxes = [
      ["occurred_at", "datetime-local", when],
      ["follow_up_on", "date", followUp],
    ];
    if (refuseUnreadDates(dates, setErrors)) return;
    // The core decides and names every other invalid field at once.
    const input: InteractionInput = {
      customer_id: customerId,
      kind,
      summary: summary.trim(),
      outcome: outcome.trim() || null,
      next_step: nextStep.trim() || null,
      follow_up_on: followUp || null,
    };
    // No time typed: leave it out and the core stamps "now" with its own clock.
    const occurredAt = fromLocalInput(when);
    if (occurredAt) input.occurred_at = occurredAt;
    setSaving(true);
    try {
      const saved = interaction ? await interactions.update(interaction.id, input) : await interactions.create(input);
      onSaved(saved, !interaction);
    } catch (caught) {
      const error = toApiError(caught);
      const shown: FieldErrors = {};
      for (const p of error.fields) if (FIELDS.includes(p.field)) shown[p.field] ??= { code: p.code, message: p.message };
      setErrors(shown);
      const first = Object.keys(shown)[0];
      if (first) document.getElementById(`field-${first}`)?.focus();
      if (error.fields.length === 0 || error.fields.some((p) => !FIELDS.includes(p.field))) setFormError(error);
    } finally {
      setSaving(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save();
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if ((isModKey(event) && event.key === "Enter") || (isModKey(event) && event.key.toLowerCase() === "s")) {
      event.preventDefault();
      void save();
    }
  }

  const clear = (path: string) => errors[path] && setErrors(({ [path]: _gone, ...rest }) => rest);

  return (
    <Dialog
      title={interaction ? t("interactions.editTitle") : t("interactions.newTitle")}
      onClose={close}
      initialFocus='[data-testid="interaction-summary"]'
    >
      <form className="story-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate data-testid="interaction-form">
        {formError !== null && <ErrorBanner error={formError} onDismiss={() => setFormError(null)} />}
        <div className="form-grid">
          <Field label={t("interactions.kindLabel")} path="kind" errors={errors}>
            <select
              id="field-kind"
              className="select"
              value={kind}
              onChange={(e) => setKind(e.target.value as InteractionKind)}
              data-testid="interaction-kind"
            >
              {INTERACTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`interactions.kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("interactions.occurredAt")} path="occurred_at" errors={errors}>
            <DateField
              id="field-occurred_at"
              type="datetime-local"
              value={when}
              title={t("interactions.occurredAtHint")}
              emptyLabel={t("interactions.now")}
              onValueChange={(value) => {
                setWhen(value);
                clear("occurred_at");
              }}
              testId="interaction-time"
              {...errorProps("occurred_at", errors)}
            />
          </Field>
          <Field label={t("interactions.summary")} path="summary" errors={errors} wide>
            <input
              id="field-summary"
              className="input"
              value={summary}
              placeholder={t("interactions.summaryPlaceholder")}
              onChange={(e) => {
                setSummary(e.target.value);
                clear("summary");
              }}
              autoComplete="off"
              data-testid="interaction-summary"
              {...errorProps("summary", errors)}
            />
          </Field>
          <Field label={t("interactions.outcome")} path="outcome" errors={errors} wide>
            <textarea
              id="field-outcome"
              className="input textarea"
              rows={2}
              value={outcome}
              onChange={(e) => setOutcome(e.target.value)}
              data-testid="interaction-outcome"
              {...errorProps("outcome", errors)}
            />
          </Field>
          <Field label={t("interactions.nextStep")} path="next_step" errors={errors}>
            <input
              id="field-next_step"
              className="input"
              value={nextStep}
              onChange={(e) => setNextStep(e.target.value)}
              data-testid="interaction-next-step"
              {...errorProps("next_step", errors)}
            />
          </Field>
          <Field label={t("interactions.followUpOn")} path="follow_up_on" errors={errors}>
            <DateField
              id="field-follow_up_on"
              type="date"
              value={followUp}
              onValueChange={(value) => {
                setFollowUp(value);
                clear("follow_up_on");
              }}
              testId="interaction-follow-up"
              {...errorProps("follow_up_on", errors)}
            />
          </Field>
        </div>
        <FormFooter
          hint={t("interactions.shortcutHint")}
          onCancel={close}
          saving={saving}
          saveTestId="interaction-save"
          className="story-footer"
        />
      </form>
      {discardPrompt}
    </Dialog>
  );
}
