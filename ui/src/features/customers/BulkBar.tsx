import { useState } from "react";
import { useTranslation } from "react-i18next";

import { bulk, type BulkEdit, type Segment, type Tier } from "../../api";
import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";
import { HandoverDialog } from "./HandoverDialog";
import { splitList, TIERS } from "./segmentFilter";

type BulkBarProps = {
  ids: ReadonlySet<string>;
  /** The saved segment the list shows, if any (handover can take all of it). */
  segment: Segment | null;
  onDone: () => void;
  /** Export the checked customers (opens the Data screen with them chosen). */
  onExport?: (ids: string[]) => void;
};

const NO_EDIT: BulkEdit = { tier: null, owner: null, add_tags: [], remove_tags: [] };

/** Actions on the checked customers: tier, tags, owner, handover. */
export function BulkBar({ ids, segment, onDone, onExport }: BulkBarProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const [tier, setTier] = useState<Tier | "">("");
  const [tags, setTags] = useState("");
  const [owner, setOwner] = useState("");
  const [busy, setBusy] = useState(false);
  const [handover, setHandover] = useState(false);

  async function run(edit: Partial<BulkEdit>) {
    setBusy(true);
    try {
      const changed = await bulk.edit([...ids], { ...NO_EDIT, ...edit });
      toast({ message: (t) => t("bulk.done", { count: changed }), tone: "success" });
      setTags("");
      onDone();
    } catch (error) {
      toast({ message: (t) => errorText(t, error), tone: "error" });
    } finally {
      setBusy(false);
    }
  }

  const tagList = splitList(tags);
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t("bulk.label")} data-testid="bulk-bar">
      <span className="bulk-count" data-testid="bulk-count">
        {t("bulk.selected", { count: ids.size })}
      </span>
      <div className="bulk-group">
        <select
          className="select select-small"
          value={tier}
          onChange={(e) => setTier(e.target.value as Tier | "")}
          aria-label={t("bulk.tier")}
          data-testid="bulk-tier"
        >
          <option value="">{t("bulk.tierPlaceholder")}</option>
          {TIERS.map((v) => (
            <option key={v} value={v}>
              {t(`tier.${v}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button-small"
          disabled={busy || tier === ""}
          onClick={() => tier !== "" && void run({ tier })}
          data-testid="bulk-tier-apply"
        >
          {t("bulk.tier")}
        </button>
      </div>
      <div className="bulk-group">
        <input
          className="input input-small"
          value={tags}
          placeholder={t("bulk.tagsPlaceholder")}
          aria-label={t("bulk.tagsPlaceholder")}
          onChange={(e) => setTags(e.target.value)}
          data-testid="bulk-tags"
        />
        <button
          type="button"
          className="button button-small"
          disabled={busy || tagList.length === 0}
          onClick={() => void run({ add_tags: tagList })}
          data-testid="bulk-add-tags"
        >
          {t("bulk.addTags")}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={busy || tagList.length === 0}
          onClick={() => void run({ remove_tags: tagList })}
          data-testid="bulk-remove-tags"
        >
          {t("bulk.removeTags")}
        </button>
      </div>
      <div className="bulk-group">
        <input
          className="input input-small"
          value={owner}
          placeholder={t("bulk.ownerPlaceholder")}
          aria-label={t("bulk.ownerPlaceholder")}
          onChange={(e) => setOwner(e.target.value)}
          data-testid="bulk-owner"
        />
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() => void run({ owner: owner.trim() })}
          data-testid="bulk-owner-apply"
        >
          {t("bulk.owner")}
        </button>
      </div>
      <button type="button" className="button button-small" onClick={() => setHandover(true)} data-testid="bulk-handover">
        {t("bulk.handover")}
      </button>
      {onExport && (
        <button type="button" className="button button-small" onClick={() => onExport([...ids])} data-testid="bulk-export">
          {t("bulk.export")}
        </button>
      )}
      <button type="button" className="button button-small button-ghost" onClick={onDone} data-testid="bulk-clear">
        {t("bulk.clear")}
      </button>
      {handover && (
        <HandoverDialog
          ids={ids}
          segment={segment}
          onClose={() => setHandover(false)}
          onDone={() => {
            setHandover(false);
            onDone();
          }}
        />
      )}
    </div>
  );
}
