import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { bulk, type HandoverScope, type Segment } from "../../api";
import { Dialog } from "../../components/Dialog";
import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";

type HandoverDialogProps = {
  /** The checked customers (may be empty: then only "all of the owner" or the segment). */
  ids: ReadonlySet<string>;
  segment: Segment | null;
  onClose: () => void;
  onDone: () => void;
};

type ScopeChoice = "selection" | "segment" | "all";

/** 客户交接: move customers from one owner to another; each customer's history records it. */
export function HandoverDialog({ ids, segment, onClose, onDone }: HandoverDialogProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const [owners, setOwners] = useState<string[]>([]);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [scope, setScope] = useState<ScopeChoice>(ids.size > 0 ? "selection" : segment ? "segment" : "all");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    bulk
      .owners()
      .then((list) => {
        if (!live) return;
        setOwners(list);
        setFrom((f) => f || list[0] || "");
      })
      .catch((e: unknown) => live && setError(errorText(t, e)));
    return () => {
      live = false;
    };
  }, [t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const chosen: HandoverScope =
      scope === "selection"
        ? { type: "ids", ids: [...ids] }
        : scope === "segment" && segment
          ? { type: "segment", segment_id: segment.id }
          : { type: "all" };
    setBusy(true);
    setError(null);
    try {
      const result = await bulk.handover({ from, to, scope: chosen });
      toast({
        message: (t) => t("handover.done", { moved: result.moved, skipped: result.skipped, to: to.trim() }),
        tone: "success",
      });
      onDone();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  }

  const scopes: ScopeChoice[] = [...(ids.size > 0 ? ["selection" as const] : []), ...(segment ? ["segment" as const] : []), "all"];
  return (
    <Dialog title={t("handover.title")} onClose={onClose} testId="handover-dialog" initialFocus='[data-testid="handover-to"]'>
      <form className="handover-form" onSubmit={(e) => void submit(e)}>
        <p className="dialog-hint">{t("handover.hint")}</p>
        <label className="input-label">
          {t("handover.from")}
          <select className="select" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="handover-from">
            <option value="">{t("handover.noOwner")}</option>
            {owners.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label className="input-label">
          {t("handover.to")}
          <input
            className="input"
            list="handover-owners"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            data-testid="handover-to"
          />
          <datalist id="handover-owners">
            {owners.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </label>
        <fieldset className="handover-scope">
          <legend>{t("handover.scope")}</legend>
          {scopes.map((s) => (
            <label key={s} className="filter-inline">
              <input
                type="radio"
                name="handover-scope"
                checked={scope === s}
                onChange={() => setScope(s)}
                data-testid={`handover-scope-${s}`}
              />
              {s === "selection"
                ? t("handover.scopeSelection", { count: ids.size })
                : s === "segment"
                  ? t("handover.scopeSegment", { name: segment?.name ?? "" })
                  : t("handover.scopeAll")}
            </label>
          ))}
        </fieldset>
        {error && (
          <p className="form-error" role="alert" data-testid="handover-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} data-testid="handover-cancel">
            {t("actions.cancel")}
          </button>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="handover-submit">
            {t("handover.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
