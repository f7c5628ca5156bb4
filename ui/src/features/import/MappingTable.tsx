import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ColumnMapping } from "../../api/bindings/ColumnMapping";
import type { MappingTemplate } from "../../api/bindings/MappingTemplate";
import type { Target } from "../../api/bindings/Target";
import { applyTemplate, namesSomeone, relabel, retarget, takesLabel, TARGETS } from "./mapping";
import { vcardColumnLabel } from "./vcardColumns";

const LABELS = ["", "mobile", "work", "home", "fax", "other"] as const;

type MappingTableProps = {
  mapping: ColumnMapping[];
  samples: string[];
  onChange: (mapping: ColumnMapping[]) => void;
  templates: MappingTemplate[];
  onSaveTemplate: (name: string) => void;
  disabled: boolean;
  /** The columns are the core's vCard fields (shown in the UI's language), not the file's headers. */
  vcard?: boolean;
};

/** Step 2: where each column goes. Every column's target can be changed; mappings can be saved. */
export function MappingTable({ mapping, samples, onChange, templates, onSaveTemplate, disabled, vcard = false }: MappingTableProps) {
  const { t } = useTranslation();
  const columnName = (header: string) => (vcard ? vcardColumnLabel(header, t) : header);
  const [name, setName] = useState("");
  return (
    <section className="card">
      <h2 className="card-title">{t("import.mapping.title")}</h2>
      <div className="import-templates">
        <select
          className="select select-compact"
          value=""
          aria-label={t("import.templates.apply")}
          onChange={(e) => {
            const tpl = templates.find((x) => x.name === e.target.value);
            if (tpl) onChange(applyTemplate(mapping, tpl));
          }}
          data-testid="import-template-select"
          disabled={disabled || templates.length === 0}
        >
          <option value="">{templates.length ? t("import.templates.apply") : t("import.templates.none")}</option>
          {templates.map((tpl) => (
            <option key={tpl.name} value={tpl.name}>
              {tpl.name}
            </option>
          ))}
        </select>
        <input
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t("import.templates.name")}
          aria-label={t("import.templates.name")}
          data-testid="import-template-name"
          disabled={disabled}
        />
        <button
          type="button"
          className="button button-small"
          disabled={disabled || !name.trim()}
          onClick={() => {
            onSaveTemplate(name.trim());
            setName("");
          }}
          data-testid="import-template-save"
        >
          {t("import.templates.save")}
        </button>
      </div>
      {!namesSomeone(mapping) && (
        <p className="import-warning" role="alert">
          {t("import.mapping.needName")}
        </p>
      )}
      {/* Fixed widths: the column name never shrinks to one character, the table fits its card. */}
      <table className="import-table import-mapping-table" data-testid="import-mapping">
        <colgroup>
          <col className="import-col-column" />
          <col />
          <col className="import-col-target" />
          <col className="import-col-label" />
        </colgroup>
        <thead>
          <tr>
            <th>{t("import.mapping.column")}</th>
            <th>{t("import.mapping.sample")}</th>
            <th>{t("import.mapping.target")}</th>
            <th>{t("import.mapping.label")}</th>
          </tr>
        </thead>
        <tbody>
          {mapping.map((m, i) => (
            <tr key={m.header} data-testid="import-mapping-row">
              <td className="import-header" title={m.header} data-testid="import-column-name">
                {columnName(m.header)}
              </td>
              <td className="muted import-sample" title={samples[i] ?? ""}>
                {samples[i] ?? ""}
              </td>
              <td>
                <select
                  className="select select-compact"
                  value={m.target}
                  aria-label={t("import.mapping.targetFor", { column: columnName(m.header) })}
                  onChange={(e) => onChange(retarget(mapping, i, e.target.value as Target))}
                  data-testid={`import-target-${i}`}
                  disabled={disabled}
                >
                  {TARGETS.map((target) => (
                    <option key={target} value={target}>
                      {t(`import.targets.${target}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {takesLabel(m.target) && (
                  <select
                    className="select select-compact"
                    value={(LABELS as readonly string[]).includes(m.label) ? m.label : ""}
                    aria-label={t("import.mapping.labelFor", { column: columnName(m.header) })}
                    onChange={(e) => onChange(relabel(mapping, i, e.target.value))}
                    data-testid={`import-label-${i}`}
                    disabled={disabled}
                  >
                    {LABELS.map((l) => (
                      <option key={l} value={l}>
                        {l ? t(`contactLabels.${l}`) : t("import.mapping.noLabel")}
                      </option>
                    ))}
                  </select>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
