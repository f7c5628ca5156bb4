import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { ErrorBanner } from "../../components/ErrorBanner";
import { useToast } from "../../components/Toast";
import {
  DEFAULT_TEMPLATES,
  fillTemplate,
  honorificOf,
  loadTemplates,
  saveTemplates,
  TEMPLATE_KINDS,
  TEMPLATE_LANGS,
  type StoredTemplates,
  type TemplateKind,
  type TemplateLang,
} from "./greetings";

const SAMPLES: Record<TemplateLang, { name: string; company: string; festival: string }> = {
  "zh-CN": { name: "王芳", company: "华信科技有限公司", festival: "中秋节" },
  en: { name: "Emily Carter", company: "Northwind Traders", festival: "Mid-Autumn Festival" },
};

/** Edit the greeting templates (both languages of one occasion at a time), with a live preview. */
export function GreetingTemplatesCard() {
  const { t } = useTranslation();
  const toast = useToast();
  const [kind, setKind] = useState<TemplateKind>("birthday");
  const [stored, setStored] = useState<StoredTemplates>({});
  const [draft, setDraft] = useState<StoredTemplates>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let alive = true;
    loadTemplates().then(
      (t) => {
        if (!alive) return;
        setStored(t);
        setDraft(t);
      },
      (e: unknown) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, []);

  const text = (lang: TemplateLang) => draft[`${kind}.${lang}`] ?? DEFAULT_TEMPLATES[kind][lang];
  const edit = (lang: TemplateLang, value: string) => setDraft({ ...draft, [`${kind}.${lang}`]: value });
  const dirty = JSON.stringify(draft) !== JSON.stringify(stored);

  const save = async () => {
    // Keep only the templates that differ from the defaults.
    const clean: StoredTemplates = {};
    for (const [k, v] of Object.entries(draft) as [keyof StoredTemplates, string][]) {
      const [kk, lang] = k.split(".") as [TemplateKind, TemplateLang];
      if (v !== DEFAULT_TEMPLATES[kk][lang]) clean[k] = v;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await saveTemplates(clean);
      setStored(saved);
      setDraft(saved);
      toast({ message: (t) => t("greetings.saved"), tone: "success" });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" data-testid="greeting-templates">
      <h2 className="card-title">{t("greetings.title")}</h2>
      <p className="muted card-hint">{t("greetings.hint")}</p>
      <div className="settings-grid">
        <label className="settings-label" htmlFor="template-kind">
          {t("greetings.kind")}
        </label>
        <div>
          <select
            id="template-kind"
            className="select"
            value={kind}
            data-testid="template-kind"
            onChange={(e) => setKind(e.target.value as TemplateKind)}
          >
            {TEMPLATE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`greetings.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="template-editor">
        {TEMPLATE_LANGS.map((lang) => (
          <label key={lang} className="template-lang">
            {t(`greetings.langs.${lang}`)}
            <textarea
              className="input textarea"
              value={text(lang)}
              data-testid={`template-${lang}`}
              onChange={(e) => edit(lang, e.target.value)}
            />
            <span className="muted">{t("greetings.preview")}</span>
            <p className="template-preview" data-testid={`template-preview-${lang}`}>
              {fillTemplate(text(lang), {
                ...SAMPLES[lang],
                honorific: honorificOf("female", lang),
                age: 40,
              })}
            </p>
          </label>
        ))}
      </div>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <div className="settings-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!dirty || saving}
          data-testid="save-templates"
          onClick={() => void save()}
        >
          {saving ? t("actions.saving") : t("actions.save")}
        </button>
        <button
          type="button"
          className="button"
          data-testid="reset-template"
          onClick={() => {
            const next = { ...draft };
            for (const lang of TEMPLATE_LANGS) delete next[`${kind}.${lang}`];
            setDraft(next);
          }}
        >
          {t("greetings.reset")}
        </button>
      </div>
    </section>
  );
}
