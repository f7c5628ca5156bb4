import { useEffect, useEffectEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { files, importer, toApiError, type DropEvent, type ImportRequest } from "../../api";
import type { ColumnMapping } from "../../api/bindings/ColumnMapping";
import type { DuplicatePolicy } from "../../api/bindings/DuplicatePolicy";
import type { ImportPreview } from "../../api/bindings/ImportPreview";
import type { ImportProgress } from "../../api/bindings/ImportProgress";
import type { ImportReport } from "../../api/bindings/ImportReport";
import type { MappingTemplate } from "../../api/bindings/MappingTemplate";
import type { ReadOptions } from "../../api/bindings/ReadOptions";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";
import { FileStep } from "./FileStep";
import { RestoreDump } from "./RestoreDump";
import { namesSomeone } from "./mapping";
import { MappingTable } from "./MappingTable";
import { PreviewTable } from "./PreviewTable";
import { ReportSummary } from "./ReportSummary";
import "./import.css";

const POLICIES: DuplicatePolicy[] = ["skip", "merge", "create"];
const NO_OPTIONS: ReadOptions = { format: null, encoding: null, sheet: null };

type Running = { progress: ImportProgress | null; cancelling: boolean };

/**
 * Import customers from a CSV, spreadsheet or vCard file: choose the file (the native dialog,
 * a file dropped on the window, or a typed or pasted path), check what was detected, map the columns, preview the rows as they will be stored,
 * pick what happens to duplicates, read the dry run, then import with a progress bar and Cancel.
 */
export function ImportScreen({ onShowImported }: { onShowImported?: (writtenAt: string) => void } = {}) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [path, setPath] = useState("");
  const [options, setOptions] = useState<ReadOptions>(NO_OPTIONS);
  const [mapping, setMapping] = useState<ColumnMapping[] | null>(null);
  const [policy, setPolicy] = useState<DuplicatePolicy>("skip");
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [strict, setStrict] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [templates, setTemplates] = useState<MappingTemplate[]>([]);
  const [running, setRunning] = useState<Running | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [dragging, setDragging] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    importer.templates().then(setTemplates, () => setTemplates([]));
  }, []);

  const request = (over: Partial<ImportRequest> = {}): ImportRequest => ({
    path: path.trim(),
    options,
    mapping,
    onDuplicate: policy,
    strict,
    ...over,
  });

  /** Read and dry-run again; only the newest answer is shown. */
  const refresh = async (req: ImportRequest) => {
    if (!req.path) return;
    const id = ++latest.current;
    setReading(true);
    setError(null);
    setResult(null);
    setCancelled(false);
    try {
      const p = await importer.preview(req);
      if (id !== latest.current) return;
      setPreview(p);
      setMapping(p.mapping);
    } catch (e) {
      if (id !== latest.current) return;
      setError(e);
      setPreview(null);
    } finally {
      if (id === latest.current) setReading(false);
    }
  };

  const changeOptions = (next: ReadOptions) => {
    setOptions(next);
    setMapping(null);
    void refresh(request({ options: next, mapping: null }));
  };
  const changeMapping = (next: ColumnMapping[]) => {
    setMapping(next);
    if (namesSomeone(next)) void refresh(request({ mapping: next }));
  };
  const changeStrict = (next: boolean) => {
    setStrict(next);
    void refresh(request({ strict: next }));
  };
  const changePolicy = (next: DuplicatePolicy) => {
    setPolicy(next);
    void refresh(request({ onDuplicate: next }));
  };

  /** A chosen or dropped file: start over with it and read it straight away. */
  const takeFile = (picked: string) => {
    setPath(picked);
    setOptions(NO_OPTIONS);
    setMapping(null);
    setResult(null);
    void refresh(request({ path: picked, options: NO_OPTIONS, mapping: null }));
  };

  const choose = async () => {
    try {
      const picked = await files.chooseImport(t("import.file.dialogTitle"), t("import.file.filterName"));
      if (picked) takeFile(picked);
    } catch (e) {
      setError(e);
    }
  };

  // The latest screen state for the drop listener, which is registered once.
  const onDropped = useEffectEvent((event: DropEvent) => {
    if (event.kind === "drop") {
      setDragging(false);
      if (running === null) takeFile(event.path);
    } else setDragging(event.kind === "over" && running === null);
  });
  useEffect(() => {
    let stop: (() => void) | null = null;
    let live = true;
    files.onDrop((event) => onDropped(event)).then(
      (s) => (live ? (stop = s) : s()),
      () => {
        // No drag-drop bridge: choose or type the path.
      },
    );
    return () => {
      live = false;
      stop?.();
    };
  }, []);

  const saveTemplate = async (name: string) => {
    if (!mapping) return;
    try {
      setTemplates(await importer.saveTemplate({ name, columns: mapping }));
      toast({ message: (t) => t("import.templates.saved", { name }), tone: "success" });
    } catch (e) {
      toast({ message: (t) => errorText(t, e), tone: "error" });
    }
  };

  const start = async () => {
    setRunning({ progress: null, cancelling: false });
    setError(null);
    setCancelled(false);
    let stop: (() => void) | null = null;
    try {
      stop = await importer.onProgress((progress) => setRunning((r) => (r ? { ...r, progress } : r)));
    } catch {
      // No event bridge: the import still runs, without a moving bar.
    }
    try {
      const report = await importer.run(request(), skipInvalid);
      setResult(report);
      setPreview(null);
      toast({ message: (t) => t("import.run.doneToast", { count: report.created + report.merged }), tone: "success" });
    } catch (e) {
      if (toApiError(e).code === "import_cancelled") setCancelled(true);
      else setError(e);
    } finally {
      stop?.();
      setRunning(null);
    }
  };

  const cancel = () => {
    setRunning((r) => (r ? { ...r, cancelling: true } : r));
    void importer.cancel();
  };

  const startOver = () => {
    setPath("");
    setOptions(NO_OPTIONS);
    setMapping(null);
    setPreview(null);
    setResult(null);
    setCancelled(false);
    setError(null);
  };

  const report = preview?.report ?? null;
  const writes = report ? report.created + report.merged : 0;
  const blocked = !report || writes === 0 || (report.rejected > 0 && !skipInvalid) || !mapping || !namesSomeone(mapping);
  const busy = running !== null;
  const pct = running?.progress?.total ? Math.round((running.progress.done / running.progress.total) * 100) : 0;
  const n = (v: number) => new Intl.NumberFormat(i18n.language).format(v);

  return (
    <div className="settings-screen import-screen" data-testid="import-screen">
      <header className="pane-header">
        <div className="pane-title">
          <h1>{t("import.title")}</h1>
        </div>
      </header>
      <div className="settings-body">
        {error !== null && !isDump(error) && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
        {error !== null && isDump(error) && <RestoreDump path={path.trim()} />}
        {result ? (
          <section className="card">
            <h2 className="card-title">{t("import.result.title")}</h2>
            <ReportSummary report={result} testId="import-result" />
            <div className="import-done-actions">
              {result.written_at && onShowImported && (
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => onShowImported(result.written_at!)}
                  data-testid="import-show-imported"
                >
                  {t("import.result.show")}
                </button>
              )}
              <button type="button" className="button" onClick={startOver} data-testid="import-again">
                {t("import.result.again")}
              </button>
            </div>
          </section>
        ) : (
          <>
            <FileStep
              path={path}
              onPathChange={setPath}
              options={options}
              onOptionsChange={changeOptions}
              onChoose={() => void choose()}
              dragging={dragging}
              onRead={() => {
                setMapping(null);
                void refresh(request({ mapping: null }));
              }}
              reading={reading}
              format={preview?.format ?? null}
              detected={preview?.detected ?? null}
              disabled={busy}
            />
            {preview && mapping && (
              <>
                <MappingTable
                  mapping={mapping}
                  samples={preview.samples}
                  onChange={changeMapping}
                  templates={templates}
                  onSaveTemplate={(name) => void saveTemplate(name)}
                  disabled={busy}
                  vcard={preview.format === "vcard"}
                />
                <PreviewTable rows={preview.rows} total={preview.report.total_rows} />
                <section className="card">
                  <h2 className="card-title">{t("import.policy.title")}</h2>
                  <div className="import-policies" role="radiogroup" aria-label={t("import.policy.title")}>
                    {POLICIES.map((p) => (
                      <label key={p} className="import-policy">
                        <input
                          type="radio"
                          name="import-policy"
                          checked={policy === p}
                          onChange={() => changePolicy(p)}
                          data-testid={`import-policy-${p}`}
                          disabled={busy}
                        />
                        <span>
                          <strong>{t(`import.policy.${p}`)}</strong>
                          <span className="muted"> — {t(`import.policy.${p}Hint`)}</span>
                        </span>
                      </label>
                    ))}
                  </div>
                </section>
                <section className="card">
                  <h2 className="card-title">{t("import.report.title")}</h2>
                  <p className="muted card-hint" data-testid="import-dry-run-file">
                    {t("import.report.file", { file: preview.file, format: t(`import.formats.${preview.format}`) })}
                  </p>
                  <ReportSummary report={preview.report} testId="import-dry-run" />
                  {(preview.report.warning_count > 0 || strict) && (
                    <label className="import-skip-invalid">
                      <input
                        type="checkbox"
                        checked={strict}
                        onChange={(e) => changeStrict(e.target.checked)}
                        data-testid="import-strict"
                        disabled={busy}
                      />
                      {t("import.report.strict")}
                    </label>
                  )}
                  {preview.report.rejected > 0 && (
                    <label className="import-skip-invalid">
                      <input
                        type="checkbox"
                        checked={skipInvalid}
                        onChange={(e) => setSkipInvalid(e.target.checked)}
                        data-testid="import-skip-invalid"
                        disabled={busy}
                      />
                      {t("import.report.skipInvalid", { count: preview.report.rejected })}
                    </label>
                  )}
                  {running ? (
                    <div className="import-running">
                      <progress
                        max={100}
                        value={pct}
                        aria-label={t("import.run.progressLabel")}
                        data-testid="import-progress"
                      />
                      <span className="muted" data-testid="import-progress-text">
                        {running.progress
                          ? t("import.run.progress", { done: n(running.progress.done), total: n(running.progress.total) })
                          : t("import.run.starting")}
                      </span>
                      <button
                        type="button"
                        className="button button-danger-quiet"
                        onClick={cancel}
                        disabled={running.cancelling}
                        data-testid="import-cancel"
                      >
                        {running.cancelling ? t("import.run.cancelling") : t("import.run.cancel")}
                      </button>
                    </div>
                  ) : (
                    <button
                      type="button"
                      className="button button-primary"
                      onClick={() => void start()}
                      disabled={blocked || reading}
                      data-testid="import-run"
                    >
                      {t("import.run.start", { count: writes })}
                    </button>
                  )}
                  {cancelled && (
                    <p className="muted" role="status" data-testid="import-cancelled">
                      {t("import.run.cancelled")}
                    </p>
                  )}
                </section>
              </>
            )}
          </>
        )}
      </div>
    </div>
  );
}

/** The core refuses to read a Fieldbook dump as a table: it restores instead. */
function isDump(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "import_json_unsupported";
}
