import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { cleaning, type DuplicateGroup, type MergeRecord } from "../../api";
import { TierBadge } from "../../components/TierBadge";
import { useToast } from "../../components/Toast";
import { formatTimestamp } from "../../lib/dates";
import { dataErrorText } from "./errors";

/** The record to keep and the ones ticked to merge into it: none until the user ticks them. */
type Choice = { survivor: string; included: Set<string> };

const PAGE = 50;

/** A key for a group that survives reloads: its members' ids. */
const groupKey = (g: DuplicateGroup) => g.customers.map((c) => c.id).join(",");

/** Duplicate groups with their reasons; pick a survivor, merge, undo from the toast or history. */
export function DuplicatesPanel() {
  const { t, i18n } = useTranslation();
  const n = (v: number) => new Intl.NumberFormat(i18n.language).format(v);
  const toast = useToast();
  const [groups, setGroups] = useState<DuplicateGroup[] | null>(null);
  const [total, setTotal] = useState(0);
  // A big book can have thousands of groups: show a page, and more on request.
  const [limit, setLimit] = useState(PAGE);
  const [history, setHistory] = useState<MergeRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState<string | null>(null);

  // Bumped after a merge or an undo: the effect below fetches the groups and history again.
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let current = true;
    Promise.all([cleaning.duplicates(limit), cleaning.merges()]).then(
      ([page, h]) => {
        if (!current) return;
        setGroups(page.groups);
        setTotal(page.total);
        setHistory(h);
        setError(null);
      },
      (e: unknown) => current && setError(dataErrorText(t, e)),
    );
    return () => {
      current = false;
    };
  }, [t, version, limit]);

  const choiceOf = (g: DuplicateGroup): Choice =>
    choices[groupKey(g)] ?? { survivor: g.customers[0]!.id, included: new Set<string>() };
  const setChoice = (g: DuplicateGroup, c: Choice) => setChoices((all) => ({ ...all, [groupKey(g)]: c }));

  const undo = async (m: MergeRecord) => {
    setBusy(m.id);
    try {
      await cleaning.undo(m.id);
      toast({ message: (t) => t("data.dupes.undone", { name: m.survivor_name }), tone: "success" });
    } catch (e) {
      toast({ message: (t) => dataErrorText(t, e), tone: "error" });
    } finally {
      setBusy(null);
      reload();
    }
  };

  const merge = async (g: DuplicateGroup) => {
    const { survivor, included } = choiceOf(g);
    const others = g.customers.map((c) => c.id).filter((id) => id !== survivor && included.has(id));
    setBusy(groupKey(g));
    try {
      const m = await cleaning.merge(survivor, others);
      toast({
        message: (t) => t("data.dupes.merged", { count: m.merged_ids.length, name: m.survivor_name }),
        tone: "success",
        action: { label: (t) => t("data.dupes.undo"), run: () => undo(m) },
      });
    } catch (e) {
      toast({ message: (t) => dataErrorText(t, e), tone: "error" });
    } finally {
      setBusy(null);
      reload();
    }
  };

  return (
    <>
      <section className="card data-card" data-testid="dupes-panel">
        <h2 className="card-title">{t("data.dupes.title")}</h2>
        <p className="muted card-hint">{t("data.dupes.hint")}</p>
        {error && (
          <p className="data-error" role="alert">
            {error}
          </p>
        )}
        {groups === null && !error && (
          <div className="state state-loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t("list.loading")}
          </div>
        )}
        {groups?.length === 0 && (
          <p className="muted" data-testid="dupes-none">
            {t("data.dupes.none")}
          </p>
        )}
        {groups && groups.length > 0 && (
          <p className="muted" data-testid="dupes-count">
            {t("data.dupes.count", { count: total })}
          </p>
        )}
        {groups?.map((g, gi) => {
          const choice = choiceOf(g);
          const key = groupKey(g);
          const mergeCount = g.customers.filter((c) => c.id !== choice.survivor && choice.included.has(c.id)).length;
          return (
            <div key={key} className="dup-group" data-testid="dup-group">
              <ul className="dup-reasons">
                {g.reasons.map((r) => (
                  <li key={`${r.reason}:${r.value}`} className="dup-reason" data-testid="dup-reason">
                    {t(`data.reasons.${r.reason}`)}: <span className="dup-value">{r.value}</span>
                  </li>
                ))}
              </ul>
              {/* Fixed column widths: every group's columns line up with the others'. */}
              <table className="dup-table">
                <colgroup>
                  <col className="dup-col-check" />
                  <col className="dup-col-check" />
                  <col className="dup-col-name" />
                  <col className="dup-col-tier" />
                  <col className="dup-col-region" />
                  <col className="dup-col-orders" />
                  <col />
                </colgroup>
                <thead>
                  <tr>
                    <th>{t("data.dupes.keep")}</th>
                    <th>{t("data.dupes.include")}</th>
                    <th>{t("data.dupes.name")}</th>
                    <th>{t("list.columns.tier")}</th>
                    <th>{t("data.dupes.region")}</th>
                    <th className="dup-num">{t("data.dupes.orders")}</th>
                    <th>{t("data.dupes.contact")}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.customers.map((c, ci) => (
                    <tr key={c.id} data-testid="dup-customer" data-id={c.id}>
                      <td>
                        <input
                          type="radio"
                          name={`survivor-${gi}`}
                          checked={choice.survivor === c.id}
                          onChange={() => setChoice(g, { ...choice, survivor: c.id })}
                          aria-label={t("data.dupes.keepName", { name: c.name })}
                          data-testid="dup-survivor"
                        />
                      </td>
                      <td>
                        <input
                          type="checkbox"
                          disabled={choice.survivor === c.id}
                          checked={choice.survivor !== c.id && choice.included.has(c.id)}
                          onChange={(e) => {
                            const included = new Set(choice.included);
                            if (e.target.checked) included.add(c.id);
                            else included.delete(c.id);
                            setChoice(g, { ...choice, included });
                          }}
                          aria-label={t("data.dupes.includeName", { name: c.name })}
                          data-testid="dup-include"
                        />
                      </td>
                      <td className="dup-cell">
                        {c.name}
                        {c.company_name && <span className="muted"> · {c.company_name}</span>}
                      </td>
                      <td>
                        <TierBadge tier={c.tier} />
                      </td>
                      <td className="dup-cell muted" data-testid="dup-region">
                        {c.region}
                      </td>
                      <td className="dup-cell dup-num" data-testid="dup-orders">
                        {n(g.order_counts[ci] ?? 0)}
                      </td>
                      <td className="dup-cell muted">{[c.phone, c.email].filter(Boolean).join("  ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button
                type="button"
                className="button button-small button-primary"
                disabled={busy !== null || mergeCount === 0}
                onClick={() => void merge(g)}
                data-testid="dup-merge"
              >
                {t("data.dupes.merge", { count: mergeCount })}
              </button>
            </div>
          );
        })}
        {groups && total > groups.length && (
          <button type="button" className="button button-small" onClick={() => setLimit((l) => l + PAGE)} data-testid="dupes-more">
            {t("data.dupes.more", { count: total - groups.length })}
          </button>
        )}
      </section>
      <section className="card data-card" data-testid="merge-history">
        <h2 className="card-title">{t("data.history.title")}</h2>
        {history.length === 0 ? (
          <p className="muted">{t("data.history.none")}</p>
        ) : (
          <ul className="merge-list">
            {history.map((m) => (
              <li key={m.id} className="merge-row" data-testid="merge-row">
                <span>
                  {t("data.history.entry", { name: m.survivor_name, merged: m.merged_names.join(t("data.history.separator")) })}
                </span>
                <span className="muted">{formatTimestamp(m.created_at, i18n.language)}</span>
                {m.undone_at ? (
                  <span className="muted" data-testid="merge-undone">
                    {t("data.history.undone")}
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button button-small"
                    disabled={busy !== null}
                    onClick={() => void undo(m)}
                    data-testid="merge-undo"
                  >
                    {t("data.dupes.undo")}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
