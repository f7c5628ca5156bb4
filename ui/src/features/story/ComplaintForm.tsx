import { useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

import { complaints, toApiError, type Complaint, type ComplaintInput, type ComplaintStatus } from "../../api";
import { DateField } from "../../components/DateField";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useToast } from "../../components/Toast";
import { isModKey } from "../../lib/keyboard";
import type { DateBoxes } from "../../lib/dateText";
import { Field, errorProps, refuseUnreadDates, type FieldErrors } from "../customers/FormParts";
import { localToday } from "./format";
import { StarIcon } from "./StoryIcons";
import { FormFooter } from "../../components/FormFooter";
import { useDiscardGuard, useEditedSinceOpen } from "../../components/useDiscardGuard";

export const COMPLAINT_STATUSES: readonly ComplaintStatus[] = ["open", "in_progress", "resolved"];
const FIELDS = ["opened_on", "subject", "details", "status", "resolution", "satisfaction", "return_visit_on"];

type ComplaintFormProps = { customerId: string; complaint?: Complaint | null; onClose: () => void };

/** A complaint or piece of feedback, its handling, and the satisfaction from the return visit. */
export function ComplaintForm({ customerId, complaint, onClose }: ComplaintFormProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const [openedOn, setOpenedOn] = useState(complaint?.opened_on ?? localToday());
  const [subject, setSubject] = useState(complaint?.subject ?? "");
  const [details, setDetails] = useState(complaint?.details ?? "");
  const [status, setStatus] = useState<ComplaintStatus>(complaint?.status ?? "open");
  const [resolution, setResolution] = useState(complaint?.resolution ?? "");
  const [satisfaction, setSatisfaction] = useState<number | null>(complaint?.satisfaction ?? null);
  const [returnVisitOn, setReturnVisitOn] = useState(complaint?.return_visit_on ?? "");
  // Anything typed since the form opened makes Esc and Cancel ask first.
  const edited = useEditedSinceOpen([openedOn, subject, details, status, resolution, satisfaction, returnVisitOn]);
  const { close, prompt: discardPrompt } = useDiscardGuard(edited, onClose);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    if (saving) return;
    setFormError(null);
    const dates: DateBoxes = [
      ["opened_on", "date", openedOn],
      ["return_visit_on", "date", returnVisitOn],
    ];
    if (refuseUnreadDates(dates, setErrors)) return;
    const input: ComplaintInput = {
      customer_id: customerId,
      opened_on: openedOn,
      subject: subject.trim(),
      details: details.trim() || null,
      status,
      resolution: resolution.trim() || null,
      satisfaction,
      return_visit_on: returnVisitOn || null,
    };
    setSaving(true);
    try {
      if (complaint) await complaints.update(complaint.id, input);
      else await complaints.create(input);
      toast({ message: (t) => t("complaints.saved"), tone: "success" });
      onClose();
    } catch (caught) {
      // The core names every invalid field at once: mark each under its box.
      const error = toApiError(caught);
      const shown: FieldErrors = {};
      for (const p of error.fields) if (FIELDS.includes(p.field)) shown[p.field] ??= { code: p.code, message: p.message };
      setErrors(shown);
      const first = Object.keys(shown)[0];
      if (first) document.getElementById(first === "satisfaction" ? "field-satisfaction-1" : `field-${first}`)?.focus();
      if (error.fields.length === 0 || error.fields.some((p) => !FIELDS.includes(p.field))) setFormError(error);
    } finally {
      setSaving(false);
    }
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (isModKey(event) && (event.key.toLowerCase() === "s" || event.key === "Enter")) {
      event.preventDefault();
      void save();
    }
  };
  const clear = (path: string) => errors[path] && setErrors(({ [path]: _gone, ...rest }) => rest);

  return (
    <Dialog title={complaint ? t("complaints.editTitle") : t("complaints.newTitle")} onClose={close} initialFocus='[data-testid="complaint-subject"]'>
      <form className="story-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate data-testid="complaint-form">
        {formError !== null && <ErrorBanner error={formError} onDismiss={() => setFormError(null)} />}
        <div className="form-grid">
          <Field label={t("complaints.subject")} path="subject" errors={errors} wide>
            <input id="field-subject" className="input" value={subject} onChange={(e) => { setSubject(e.target.value); clear("subject"); }} autoComplete="off" data-testid="complaint-subject" {...errorProps("subject", errors)} />
          </Field>
          <Field label={t("complaints.openedOn")} path="opened_on" errors={errors}>
            <DateField id="field-opened_on" type="date" value={openedOn} onValueChange={(value) => { setOpenedOn(value); clear("opened_on"); }} testId="complaint-opened-on" {...errorProps("opened_on", errors)} />
          </Field>
          <Field label={t("complaints.status")} path="status" errors={errors}>
            <select id="field-status" className="select" value={status} onChange={(e) => setStatus(e.target.value as ComplaintStatus)} data-testid="complaint-status">
              {COMPLAINT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`complaints.statuses.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("complaints.details")} path="details" errors={errors} wide>
            <textarea id="field-details" className="input textarea" rows={3} value={details} onChange={(e) => setDetails(e.target.value)} data-testid="complaint-details" {...errorProps("details", errors)} />
          </Field>
          <Field label={t("complaints.resolution")} path="resolution" errors={errors} wide>
            <textarea id="field-resolution" className="input textarea" rows={2} value={resolution} onChange={(e) => setResolution(e.target.value)} data-testid="complaint-resolution" {...errorProps("resolution", errors)} />
          </Field>
          <Field label={t("complaints.returnVisitOn")} path="return_visit_on" errors={errors}>
            <DateField id="field-return_visit_on" type="date" value={returnVisitOn} onValueChange={(value) => { setReturnVisitOn(value); clear("return_visit_on"); }} testId="complaint-return-visit" {...errorProps("return_visit_on", errors)} />
          </Field>
          <Field label={t("complaints.satisfaction")} path="satisfaction" errors={errors} htmlFor="field-satisfaction-1">
            <Stars value={satisfaction} onChange={(v) => { setSatisfaction(v); clear("satisfaction"); }} />
          </Field>
        </div>
        <FormFooter
          hint={t("form.shortcutHint")}
          onCancel={close}
          saving={saving}
          saveTestId="complaint-save"
          className="story-footer"
        />
      </form>
      {discardPrompt}
    </Dialog>
  );
}

/** 1–5 stars as a radio group; clicking the current value again clears it. */
function Stars({ value, onChange }: { value: number | null; onChange: (value: number | null) => void }) {
  const { t } = useTranslation();
  return (
    <div className="stars" role="radiogroup" aria-label={t("complaints.satisfaction")} data-testid="complaint-satisfaction" data-value={value ?? ""}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          id={`field-satisfaction-${n}`}
          type="button"
          role="radio"
          aria-checked={value === n}
          aria-label={t("complaints.stars", { count: n })}
          title={t("complaints.stars", { count: n })}
          className={`star${value !== null && n <= value ? " star-on" : ""}`}
          onClick={() => onChange(value === n ? null : n)}
          data-testid={`complaint-star-${n}`}
        >
          <StarIcon size={18} filled={value !== null && n <= value} />
        </button>
      ))}
      <span className="stars-text muted">{value === null ? t("complaints.satisfactionNone") : `${value}/5`}</span>
    </div>
  );
}
