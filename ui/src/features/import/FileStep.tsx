import { useTranslation } from "react-i18next";

import type { Detected } from "../../api/bindings/Detected";
import type { Format } from "../../api/bindings/Format";
import type { ReadOptions } from "../../api/bindings/ReadOptions";

const FORMATS: Format[] = ["csv", "xlsx", "vcard"];
/** Encodings people meet in Chinese and international CSV files. */
const ENCODINGS = ["utf-8", "gb18030", "big5", "utf-16le"];

type FileStepProps = {
  path: string;
  onPathChange: (path: string) => void;
  options: ReadOptions;
  onOptionsChange: (options: ReadOptions) => void;
  onRead: () => void;
  /** Open the native file dialog (the typed path stays the fallback). */
  onChoose: () => void;
  /** A file is being dragged over the window: the card shows where it will land. */
  dragging: boolean;
  reading: boolean;
  /** What the last read found (format, encoding, sheets). */
  format: Format | null;
  detected: Detected | null;
  disabled: boolean;
};

/** Step 1: the file (chosen, dropped, typed or pasted) and overrides of what was detected. */
export function FileStep(props: FileStepProps) {
  const { path, onPathChange, options, onOptionsChange, onRead, onChoose, dragging, reading, format, detected, disabled } = props;
  const { t } = useTranslation();
  const shown = options.format ?? format;
  return (
    <section className={dragging ? "card import-file import-file-dragging" : "card import-file"} data-testid="import-file">
      <h2 className="card-title">{t("import.file.title")}</h2>
      <p className="muted card-hint">{t("import.file.hint")}</p>
      <form
        className="import-file-row"
        onSubmit={(e) => {
          e.preventDefault();
          onRead();
        }}
      >
        <button
          type="button"
          className="button"
          onClick={onChoose}
          disabled={disabled || reading}
          data-testid="import-choose"
        >
          {t("import.file.choose")}
        </button>
        <input
          className="input import-path"
          type="text"
          value={path}
          onChange={(e) => onPathChange(e.target.value)}
          placeholder={t("import.file.placeholder")}
          aria-label={t("import.file.label")}
          data-testid="import-path"
          spellCheck={false}
          disabled={disabled}
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={disabled || reading || !path.trim()}
          data-testid="import-read"
        >
          {reading ? t("import.file.reading") : t("import.file.read")}
        </button>
      </form>
      {dragging && (
        <p className="import-drop-hint" role="status" data-testid="import-drop-hint">
          {t("import.file.dropHere")}
        </p>
      )}
      {format && (
        <div className="import-options">
          <label>
            <span>{t("import.file.format")}</span>
            <select
              className="select select-compact"
              value={options.format ?? ""}
              onChange={(e) => onOptionsChange({ ...options, format: (e.target.value || null) as Format | null })}
              data-testid="import-format"
              disabled={disabled}
            >
              <option value="">{t("import.file.auto", { value: t(`import.formats.${format}`) })}</option>
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`import.formats.${f}`)}
                </option>
              ))}
            </select>
          </label>
          {shown === "csv" && (
            <label>
              <span>{t("import.file.encoding")}</span>
              <select
                className="select select-compact"
                value={options.encoding ?? ""}
                onChange={(e) => onOptionsChange({ ...options, encoding: e.target.value || null })}
                data-testid="import-encoding"
                disabled={disabled}
              >
                <option value="">{t("import.file.auto", { value: detected?.encoding ?? "?" })}</option>
                {ENCODINGS.map((enc) => (
                  <option key={enc} value={enc}>
                    {enc}
                  </option>
                ))}
              </select>
            </label>
          )}
          {shown === "xlsx" && detected && detected.sheets.length > 0 && (
            <label>
              <span>{t("import.file.sheet")}</span>
              <select
                className="select select-compact"
                value={options.sheet ?? detected.sheet ?? ""}
                onChange={(e) => onOptionsChange({ ...options, sheet: e.target.value || null })}
                data-testid="import-sheet"
                disabled={disabled}
              >
                {detected.sheets.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          )}
          {detected && detected.header_row > 0 && (
            <span className="muted">{t("import.file.headerRow", { row: detected.header_row })}</span>
          )}
        </div>
      )}
    </section>
  );
}
