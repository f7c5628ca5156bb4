import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { segments, type Segment, type SegmentFilter, events, touches, CUSTOMER_KINDS, RECORD_KINDS } from "../../api";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Dialog } from "../../components/Dialog";
import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";
import { filterKey, isEmptyFilter, withDefaults } from "./segmentFilter";

type SegmentPickerProps = {
  /** The filter the list shows now. */
  filter: SegmentFilter;
  active: Segment | null;
  /** A saved segment was picked (null: all customers). */
  onPick: (segment: Segment | null) => void;
};

/** Pick, save and delete saved segments (客户分群). */
export function SegmentPicker({ filter, active, onPick }: SegmentPickerProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const [list, setList] = useState<Segment[]>([]);
  /** The name dialog: saving the filter as a new segment, or renaming the picked one. */
  const [naming, setNaming] = useState<"new" | "rename" | null>(null);
  const [deleting, setDeleting] = useState(false);

  const load = useCallback(() => {
    segments
      .list()
      .then((all) => setList(all.map((s) => ({ ...s, filter: withDefaults(s.filter) }))))
      .catch((e: unknown) => toast({ message: (t) => errorText(t, e), tone: "error" }));
  }, [toast]);
  useEffect(() => {
    load();
    return events.onBookChanged((c) => {
      if (touches(c, "segments", ...CUSTOMER_KINDS, ...RECORD_KINDS)) load();
    });
  }, [load]);

  const changed = active !== null && filterKey(active.filter) !== filterKey(filter);

  async function update() {
    if (!active) return;
    try {
      const saved = await segments.save(active.id, { name: active.name, filter });
      toast({ message: (t) => t("segments.saved", { name: saved.name }), tone: "success" });
      load();
      onPick({ ...saved, filter: withDefaults(saved.filter) });
    } catch (e) {
      toast({ message: (t) => errorText(t, e), tone: "error" });
    }
  }

  async function remove() {
    if (!active) return;
    try {
      await segments.delete(active.id);
      toast({ message: (t) => t("segments.deleted", { name: active.name }), tone: "success" });
      setDeleting(false);
      load();
      onPick(null);
    } catch (e) {
      toast({ message: (t) => errorText(t, e), tone: "error" });
    }
  }

  return (
    <div className="segment-picker">
      <select
        className="select select-small"
        value={active?.id ?? ""}
        aria-label={t("segments.picker")}
        onChange={(e) => onPick(list.find((s) => s.id === e.target.value) ?? null)}
        data-testid="segment-select"
      >
        <option value="">{isEmptyFilter(filter) || active ? t("segments.all") : t("segments.unsaved")}</option>
        {list.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      {!isEmptyFilter(filter) && (active === null || changed) && (
        <button type="button" className="button button-small" onClick={() => setNaming("new")} data-testid="segment-save">
          {t("segments.saveAs")}
        </button>
      )}
      {changed && (
        <button type="button" className="button button-small" onClick={() => void update()} data-testid="segment-update">
          {t("segments.update")}
        </button>
      )}
      {active && (
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => setNaming("rename")}
          data-testid="segment-rename"
        >
          {t("segments.rename")}
        </button>
      )}
      {active && (
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => setDeleting(true)}
          data-testid="segment-delete"
        >
          {t("segments.delete")}
        </button>
      )}
      {naming && (
        <NameDialog
          title={naming === "new" ? t("segments.saveTitle") : t("segments.renameTitle")}
          initial={naming === "rename" ? (active?.name ?? "") : ""}
          save={(name) =>
            naming === "rename" && active
              ? segments.save(active.id, { name, filter: active.filter })
              : segments.save(null, { name, filter })
          }
          onClose={() => setNaming(null)}
          onSaved={(s) => {
            setNaming(null);
            toast({ message: (t) => t("segments.saved", { name: s.name }), tone: "success" });
            load();
            onPick({ ...s, filter: withDefaults(s.filter) });
          }}
        />
      )}
      {deleting && active && (
        <ConfirmDialog
          title={t("segments.deleteTitle", { name: active.name })}
          body={t("segments.deleteBody")}
          confirmLabel={t("segments.delete")}
          danger
          onConfirm={remove}
          onCancel={() => setDeleting(false)}
        />
      )}
    </div>
  );
}

type NameDialogProps = {
  title: string;
  initial: string;
  save: (name: string) => Promise<Segment>;
  onClose: () => void;
  onSaved: (s: Segment) => void;
};

function NameDialog({ title, initial, save, onClose, onSaved }: NameDialogProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      onSaved(await save(name));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose} testId="segment-name-dialog">
      <form onSubmit={(e) => void submit(e)}>
        <label className="input-label">
          {t("segments.nameLabel")}
          <input
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={error !== null}
            data-testid="segment-name"
          />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="segment-name-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t("actions.cancel")}
          </button>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="segment-save-confirm">
            {t("actions.save")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
