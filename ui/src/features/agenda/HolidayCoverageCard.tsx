import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { holidays, type HolidayCoverage } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { AlertIcon } from "../../components/Icons";
import { useToast } from "../../components/Toast";

/** The file's text (FileReader where Blob.text is missing, e.g. older WebKit and jsdom). */
function readText(file: File): Promise<string> {
  if (typeof file.text === "function") return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsText(file);
  });
}

export function HolidayCoverageCard() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [coverage, setCoverage] = useState<HolidayCoverage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let alive = true;
    holidays.coverage().then(
      (c) => alive && setCoverage(c),
      (e: unknown) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, []);

  const years = (ys: number[]) => ys.join(i18n.language.startsWith("zh") ? "、" : ", ");

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      setCoverage(await holidays.import(await readText(file)));
      toast({ message: (t) => t("reminderSettings.importedToast"), tone: "success" });
    } catch (e) {
      setError(e);
    } finally {
      if (fileRef.current) fileRef.current.value = "";
    }
  };

  return (
    <section className="card" data-testid="holiday-coverage">
      <h2 className="card-title">{t("reminderSettings.coverage")}</h2>
      <p className="muted card-hint">{t("reminderSettings.coverageHint")}</p>
      {coverage && (
        <>
          <div className="coverage-years">
            <span data-testid="coverage-bundled">{t("reminderSettings.bundled", { years: years(coverage.bundled) })}</span>
            {coverage.imported.length > 0 && (
              <span data-testid="coverage-imported">{t("reminderSettings.imported", { years: years(coverage.imported) })}</span>
            )}
          </div>
          {coverage.missing.map((year) => (
            <div key={year} className="banner banner-warning" role="status" data-testid="coverage-missing">
              <AlertIcon size={16} />
              <span className="banner-text">
                <strong>{t("reminderSettings.missing", { year })}</strong> · {t("reminderSettings.missingHint", { year })}
              </span>
            </div>
          ))}
        </>
      )}
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <input
        ref={fileRef}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="holiday-file"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      <button type="button" className="button" data-testid="import-holidays" onClick={() => fileRef.current?.click()}>
        {t("reminderSettings.import")}
      </button>
    </section>
  );
}
