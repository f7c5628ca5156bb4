import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { app, type AppInfo } from "../../api";
import { ProductsSection } from "../story/ProductsSection";
import { DesktopSection } from "./DesktopSection";
import { BackupsSection } from "../security/BackupsSection";
import { SecuritySection } from "../security/SecuritySection";
import "../security/security.css";
import { GreetingTemplatesCard } from "../agenda/GreetingTemplatesCard";
import { HolidayCoverageCard } from "../agenda/HolidayCoverageCard";
import { ReminderSettingsCard } from "../agenda/ReminderSettingsCard";
import { LanguageSelect } from "./LanguageSelect";
import { SyncSection } from "../sync/SyncSection";
import "../sync/sync.css";
import "../agenda/agenda.css";

type Info = { info: AppInfo | null; failed: boolean };

/** `focus`: the card to bring into view on opening (the empty book's "Restore a backup"). */
export function SettingsScreen({ focus = null }: { focus?: "backups" | null }) {
  const { t } = useTranslation();
  const [about, setAbout] = useState<Info>({ info: null, failed: false });
  const backupsRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focus === "backups") backupsRef.current?.scrollIntoView?.({ block: "start" });
  }, [focus]);

  useEffect(() => {
    let current = true;
    app.info().then(
      (info) => current && setAbout({ info, failed: false }),
      () => current && setAbout({ info: null, failed: true }),
    );
    return () => {
      current = false;
    };
  }, []);

  const value = (text: string | undefined) =>
    text ?? <span className="muted">{about.failed ? t("settings.unavailable") : t("settings.loading")}</span>;

  return (
    <div className="settings-screen">
      <header className="pane-header">
        <div className="pane-title">
          <h1>{t("settings.title")}</h1>
        </div>
      </header>
      <div className="settings-body">
        <section className="card">
          <h2 className="card-title">{t("settings.language")}</h2>
          <p className="muted card-hint">{t("settings.languageHint")}</p>
          <LanguageSelect testId="settings-lang-select" />
        </section>
        <SecuritySection />
        <div ref={backupsRef} className="settings-anchor">
          <BackupsSection />
        </div>
        <SyncSection />
        <DesktopSection />
        <ProductsSection />
        <ReminderSettingsCard />
        <HolidayCoverageCard />
        <GreetingTemplatesCard />
        <section className="card" data-testid="about">
          <h2 className="card-title">{t("settings.about")}</h2>
          <dl className="facts facts-wide">
            <div className="fact">
              <dt>{t("settings.version")}</dt>
              <dd data-testid="about-version">{value(about.info?.version)}</dd>
            </div>
            <div className="fact">
              <dt>{t("settings.dataDir")}</dt>
              <dd className="mono selectable" data-testid="about-data-dir">
                {value(about.info?.data_dir)}
              </dd>
            </div>
            <div className="fact">
              <dt>{t("settings.deviceId")}</dt>
              <dd className="mono selectable" data-testid="about-device-id">
                {value(about.info?.device_id)}
              </dd>
            </div>
          </dl>
        </section>
      </div>
    </div>
  );
}
