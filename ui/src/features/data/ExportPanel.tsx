import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { dataExport, files, segments, type ExportFormat, type ExportResult, type ExportScope, type Segment } from "../../api";
import { dataErrorText } from "./errors";

export const FORMATS: ExportFormat[] = ["xlsx", "csv", "vcard3", "vcard4", "ics", "json"];

const EXTENSION: Record<ExportFormat, string> = {
  xlsx: "xlsx",
  csv: "csv",
  vcard3: "vcf",
  vcard4: "vcf",
  ics: "ics",
  json: "json",
};

/** Swap a path's extension for the format's, so a changed format keeps the typed folder and name. */
export function withExtension(path: string, format: ExportFormat): string {
  const ext = EXTENSION[format];
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const dot = path.lastIndexOf(".");
  return dot > slash + 1 ? `${path.slice(0, dot)}.${ext}` : `${path}.${ext}`;
}

/** Which customers: everyone, the list's checked ones, or a saved segment (by id). */
type ScopeChoice = "all" | "selection" | `segment:${string}`;

/** Choose a format, which customers and a file (the native save dialog or a typed path), export, show the result. */
export function ExportPanel({ selection = [] }: { selection?: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const [format, setFormat] = useState<ExportFormat>("xlsx");
  const [scope, setScope] = useState<ScopeChoice>(selection.length > 0 ? "selection" : "all");
  const [saved, setSaved] = useState<Segment[]>([]);
  const [path, setPath] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const edited = useRef(false);

  useEffect(() => {
    let current = true;
    dataExport.defaultPath("xlsx").then(
      (p) => current && !edited.current && setPath(p),
      () => {
        // No default (no backend): the user types a path.
      },
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    let current = true;
    segments.list().then(
      (list) => current && setSaved(list),
      () => {
        // No segments to offer: everyone or the selection.
      },
    );
    return () => {
      current = false;
    };
  }, []);

  /** The customers to export; a segment is evaluated now, as the list would show it. */
  const resolveScope = async (): Promise<ExportScope> => {
    if (scope === "selection") return { kind: "ids", ids: [...selection] };
    const segment = saved.find((s) => `segment:${s.id}` === scope);
    if (segment) return { kind: "ids", ids: await segments.ids(segment.filter) };
    return { kind: "all" };
  };
  // ICS and the JSON dump always cover the whole book.
  const wholeBook = format === "ics" || format === "json";

  const changeFormat = (f: ExportFormat) => {
    setFormat(f);
    setPath((p) => (p ? withExtension(p, f) : p));
  };

  /** The native save dialog, starting from the current path; a cancel keeps the path. */
  const choose = async () => {
    setError(null);
    try {
      const picked = await files.chooseSave(t("data.export.dialogTitle"), path.trim(), EXTENSION[format], t(`data.export.formats.${format}`));
      if (picked) {
        edited.current = true;
        setPath(withExtension(picked, format));
      }
    } catch (e) {
      setError(dataErrorText(t, e));
    }
  };

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const headers = i18n.language.startsWith("zh") ? "zh" : "en";
      setResult(await dataExport.run({ format, scope: wholeBook ? { kind: "all" } : await resolveScope(), headers }, path));
    } catch (e) {
      setError(dataErrorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card data-card" data-testid="export-panel">
      <h2 className="card-title">{t("data.export.title")}</h2>
      <p className="muted card-hint">{t("data.export.hint")}</p>
      <div className="data-form">
        <label className="settings-label" htmlFor="export-format">
          {t("data.export.format")}
        </label>
        <select
          id="export-format"
          className="select"
          value={format}
          onChange={(e) => changeFormat(e.target.value as ExportFormat)}
          data-testid="export-format"
        >
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`data.export.formats.${f}`)}
            </option>
          ))}
        </select>
        <label className="settings-label" htmlFor="export-scope">
          {t("data.export.scope")}
        </label>
        {wholeBook ? (
          <span data-testid="export-scope-book">{t("data.export.scopeBook")}</span>
        ) : (
          <select
            id="export-scope"
            className="select"
            value={scope}
            onChange={(e) => setScope(e.target.value as ScopeChoice)}
            data-testid="export-scope"
          >
            <option value="all">{t("data.export.scopeAll")}</option>
            {selection.length > 0 && <option value="selection">{t("data.export.scopeSelection", { count: selection.length })}</option>}
            {saved.map((s) => (
              <option key={s.id} value={`segment:${s.id}`}>
                {t("data.export.scopeSegment", { name: s.name })}
              </option>
            ))}
          </select>
        )}
        <label className="settings-label" htmlFor="export-path">
          {t("data.export.path")}
        </label>
        <div className="data-path-row">
          <input
            id="export-path"
            className="input data-path mono"
            value={path}
            onChange={(e) => {
              edited.current = true;
              setPath(e.target.value);
            }}
            placeholder={t("data.export.pathPlaceholder")}
            spellCheck={false}
            data-testid="export-path"
          />
          <button type="button" className="button" onClick={() => void choose()} data-testid="export-choose">
            {t("data.export.choose")}
          </button>
        </div>
      </div>
      <div className="data-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !path.trim()}
          onClick={() => void run()}
          data-testid="export-run"
        >
          {busy ? t("data.export.running") : t("data.export.run")}
        </button>
      </div>
      {result && (
        <p className="data-result" role="status" data-testid="export-result">
          {t(result.format === "json" ? "data.export.doneRows" : result.format === "ics" ? "data.export.doneEvents" : "data.export.done", {
            count: result.count,
            path: result.path,
          })}
        </p>
      )}
      {error && (
        <p className="data-error" role="alert" data-testid="export-error">
          {error}
        </p>
      )}
    </section>
  );
}
