//! User settings, kept as JSON values in the synced `settings` table.

use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::store::{Entity, Store};

const SETTINGS: Entity = Entity { table: "settings", fields: &["value", "deleted_at"] };
const LOCALE: &str = "ui.locale";

/// The settings the UI edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    /// `zh-CN` or `en`; none = follow the operating system.
    pub locale: Option<String>,
}

pub const LOCALES: &[&str] = &["zh-CN", "en"];

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        let locale = self.setting(LOCALE)?.and_then(|v| v.as_str().map(str::to_string));
        Ok(Settings { locale })
    }

    pub fn update_settings(&mut self, s: &Settings) -> Result<Settings> {
        if let Some(l) = &s.locale {
            if !LOCALES.contains(&l.as_str()) {
                return Err(CoreError::invalid("locale", "locale_invalid", format!("unsupported language {l:?}")));
            }
        }
        let value = s.locale.clone().map(serde_json::Value::from).unwrap_or(serde_json::Value::Null);
        self.set_setting(LOCALE, value)?;
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
