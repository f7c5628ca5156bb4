import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { settings as settingsApi, type Settings } from "../../api";
import { useToast } from "../../components/Toast";

type Flag = "keep_in_tray" | "start_at_login";

/** Desktop behaviour: keep running in the tray (reminders fire with the window closed), start at login. */
export function DesktopSection() {
  const { t } = useTranslation();
  const toast = useToast();
  const [current, setCurrent] = useState<Settings | null>(null);

  useEffect(() => {
    let live = true;
    settingsApi.get().then(
      (s) => live && setCurrent(s),
      () => live && setCurrent(null),
    );
    return () => {
      live = false;
    };
  }, []);

  const toggle = (flag: Flag, on: boolean) => {
    if (!current) return;
    const before = current;
    setCurrent({ ...current, [flag]: on });
    settingsApi.update({ ...before, [flag]: on }).then(setCurrent, () => {
      setCurrent(before);
      toast({ message: (t) => t("settings.saveFailed"), tone: "error" });
    });
  };

  const row = (flag: Flag, label: string, hint: string) => (
    <label className="check-row">
      <input
        type="checkbox"
        data-testid={`settings-${flag.replaceAll("_", "-")}`}
        checked={current?.[flag] ?? false}
        disabled={!current}
        onChange={(e) => toggle(flag, e.target.checked)}
      />
      <span>
        {label}
        <span className="muted card-hint">{hint}</span>
      </span>
    </label>
  );

  return (
    <section className="card" data-testid="desktop-settings">
      <h2 className="card-title">{t("settings.desktop")}</h2>
      {row("keep_in_tray", t("settings.keepInTray"), t("settings.keepInTrayHint"))}
      {row("start_at_login", t("settings.startAtLogin"), t("settings.startAtLoginHint"))}
    </section>
  );
}
