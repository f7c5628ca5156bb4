//! User settings, kept as JSON values in the synced `settings` table.

use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::store::{Entity, Store};

pub(crate) const SETTINGS: Entity = Entity { table: "settings", fields: &["value", "deleted_at"] };
const LOCALE: &str = "ui.locale";
const KEEP_IN_TRAY: &str = "app.keep_in_tray";
const START_AT_LOGIN: &str = "app.start_at_login";
/// Settings of this laptop, not of the team's book: sync leaves them where they are.
pub(crate) const DEVICE_SETTINGS: &[&str] = &[LOCALE, KEEP_IN_TRAY, START_AT_LOGIN];

/// The settings the UI edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Settings {
    /// `zh-CN` or `en`; none = follow the operating system.
    pub locale: Option<String>,
    /// Closing the window keeps the app in the tray so reminders still fire (opt-in: not
    /// every Linux desktop shows tray icons).
    pub keep_in_tray: bool,
    /// Start Fieldbook (in the tray) when the user logs in (opt-in).
    pub start_at_login: bool,
}

pub const LOCALES: &[&str] = &["zh-CN", "en"];

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        let locale = self.setting(LOCALE)?.and_then(|v| v.as_str().map(str::to_string));
        let flag = |key| -> Result<bool> { Ok(self.setting(key)?.and_then(|v| v.as_bool()).unwrap_or(false)) };
        Ok(Settings { locale, keep_in_tray: flag(KEEP_IN_TRAY)?, start_at_login: flag(START_AT_LOGIN)? })
    }

    pub fn update_settings(&mut self, s: &Settings) -> Result<Settings> {
        if let Some(l) = &s.locale {
            if !LOCALES.contains(&l.as_str()) {
                return Err(CoreError::invalid("locale", "locale_invalid", format!("unsupported language {l:?}")));
            }
        }
        let value = s.locale.clone().map(serde_json::Value::from).unwrap_or(serde_json::Value::Null);
        self.set_setting(LOCALE, value)?;
        self.set_setting(KEEP_IN_TRAY, s.keep_in_tray.into())?;
        self.set_setting(START_AT_LOGIN, s.start_at_login.into())?;
        self.settings()
    }

    pub fn setting(&self, key: &str) -> Result<Option<serde_json::Value>> {
        let raw: Option<String> = self
            .conn()
            .query_row("SELECT value FROM settings WHERE id = ?1 AND deleted_at IS NULL", [key], |r| r.get(0))
            .optional()?;
        raw.map(|r| {
            serde_json::from_str(&r)
                .map_err(|e| CoreError::Corrupt { context: format!("setting {key}"), message: e.to_string() })
        })
        .transpose()
    }

    pub fn set_setting(&mut self, key: &str, value: serde_json::Value) -> Result<()> {
        let exists =
            self.conn().query_row("SELECT 1 FROM settings WHERE id = ?1", [key], |_| Ok(())).optional()?.is_some();
        let fields = [("value", Value::Text(value.to_string())), ("deleted_at", Value::Null)];
        self.write(
            |tx| if exists { tx.update(SETTINGS, key, &fields).map(drop) } else { tx.insert(SETTINGS, key, &fields) },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        Store::open_in_memory(std::sync::Arc::new(crate::clock::SystemClock)).unwrap()
    }

    #[test]
    fn settings_default_to_following_the_os_with_tray_and_login_off() {
        assert_eq!(store().settings().unwrap(), Settings::default());
    }

    #[test]
    fn settings_round_trip_and_an_unknown_language_is_refused() {
        let mut s = store();
        let want = Settings { locale: Some("zh-CN".into()), keep_in_tray: true, start_at_login: true };
        assert_eq!(s.update_settings(&want).unwrap(), want);
        assert_eq!(s.settings().unwrap(), want);
        let err = s.update_settings(&Settings { locale: Some("fr".into()), ..want.clone() }).unwrap_err();
        assert_eq!(err.code(), "locale_invalid");
        assert_eq!(s.settings().unwrap(), want, "a refused update changes nothing");
    }
}
