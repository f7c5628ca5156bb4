import { useTranslation } from "react-i18next";

import { PlusIcon, UsersIcon } from "../../components/Icons";

export type EmptyBookActions = {
  onNew: () => void;
  /** Open the import screen (CSV, Excel, vCard). */
  onImport?: () => void;
  /** Open Settings → Backups, to restore a book kept from before. */
  onRestore?: () => void;
};

/** What a book without customers offers: start typing, bring a list in, or restore a backup. */
export function EmptyBook({ onNew, onImport, onRestore }: EmptyBookActions) {
  const { t } = useTranslation();
  return (
    <div className="state state-empty" data-testid="empty-book">
      <div className="state-icon">
        <UsersIcon size={28} />
      </div>
      <h2>{t("empty.title")}</h2>
      <p>{t("empty.body")}</p>
      <div className="state-actions">
        <button type="button" className="button button-primary" onClick={onNew} data-testid="empty-new-customer">
          <PlusIcon size={15} /> {t("empty.action")}
        </button>
        {onImport && (
          <button type="button" className="button" onClick={onImport} data-testid="empty-import">
            {t("empty.import")}
          </button>
        )}
        {onRestore && (
          <button type="button" className="button" onClick={onRestore} data-testid="empty-restore">
            {t("empty.restore")}
          </button>
        )}
      </div>
    </div>
  );
}
