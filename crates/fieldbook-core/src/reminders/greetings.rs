//! The user's greeting templates (per occasion and language), kept in the synced settings so
//! they travel with the data folder, backups and sync. Filling them in is the UI's job: the
//! placeholders are display concerns ({name}, {honorific} …); the core only keeps them valid.

use std::collections::BTreeMap;

use crate::error::{CoreError, Result};
use crate::store::Store;

const KEY: &str = "greeting_templates";

/// Occasions a template can be for (the UI's `TEMPLATE_KINDS`).
pub const TEMPLATE_KINDS: [&str; 6] = ["birthday", "anniversary", "festival", "holiday", "revisit", "other"];
pub const TEMPLATE_LANGS: [&str; 2] = ["zh-CN", "en"];
/// Longer than any greeting anyone sends; keeps a pasted document out of the settings.
pub const MAX_TEMPLATE_CHARS: usize = 2000;

/// Templates the user changed, keyed `kind.lang` (e.g. `birthday.zh-CN`); the rest are the
/// built-in defaults.
pub type GreetingTemplates = BTreeMap<String, String>;

fn validate(templates: &GreetingTemplates) -> Result<()> {
    for (key, text) in templates {
        let known = key
            .split_once('.')
            .is_some_and(|(kind, lang)| TEMPLATE_KINDS.contains(&kind) && TEMPLATE_LANGS.contains(&lang));
        if !known {
            return Err(CoreError::invalid("templates", "template_unknown", format!("no greeting occasion {key:?}")));
        }
        if text.chars().count() > MAX_TEMPLATE_CHARS {
            return Err(CoreError::invalid(
                key.as_str(),
                "template_too_long",
                format!("greeting templates are at most {MAX_TEMPLATE_CHARS} characters"),
            ));
        }
    }
    Ok(())
}

impl Store {
    /// The templates the user changed (empty when none, or when the stored value is unreadable).
    pub fn greeting_templates(&self) -> Result<GreetingTemplates> {
        Ok(self.setting(KEY)?.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default())
    }

    /// Replace the changed templates; a template equal to nothing (empty) is kept as written,
    /// because an occasion may deliberately have no greeting.
    pub fn set_greeting_templates(&mut self, templates: GreetingTemplates) -> Result<GreetingTemplates> {
        validate(&templates)?;
        self.set_setting(KEY, serde_json::to_value(&templates).expect("templates serialize"))?;
        Ok(templates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        Store::open_in_memory(std::sync::Arc::new(crate::clock::SystemClock)).unwrap()
    }

    #[test]
    fn templates_round_trip_through_the_synced_settings() {
        let mut s = store();
        assert!(s.greeting_templates().unwrap().is_empty(), "no changes: every occasion uses the default");
        let t = GreetingTemplates::from([
            ("birthday.zh-CN".to_string(), "{name}{honorific}，生日快乐！".to_string()),
            ("festival.en".to_string(), "Happy {festival}!".to_string()),
        ]);
        s.set_greeting_templates(t.clone()).unwrap();
        assert_eq!(s.greeting_templates().unwrap(), t);
        let head: i64 = s.conn().query_row("SELECT count(*) FROM change_journal", [], |r| r.get(0)).unwrap();
        assert!(head > 0, "the write went through the journal, so sync carries it");
    }

    #[test]
    fn unknown_occasions_and_overlong_templates_are_refused_and_nothing_is_written() {
        let mut s = store();
        let bad = GreetingTemplates::from([("wedding.zh-CN".to_string(), "x".to_string())]);
        assert_eq!(s.set_greeting_templates(bad).unwrap_err().code(), "template_unknown");
        let bad = GreetingTemplates::from([("birthday.fr".to_string(), "x".to_string())]);
        assert_eq!(s.set_greeting_templates(bad).unwrap_err().code(), "template_unknown");
        let long = GreetingTemplates::from([("birthday.en".to_string(), "a".repeat(MAX_TEMPLATE_CHARS + 1))]);
        let err = s.set_greeting_templates(long).unwrap_err();
        assert_eq!((err.code(), err.to_payload().field.as_deref()), ("template_too_long", Some("birthday.en")));
        assert!(s.greeting_templates().unwrap().is_empty());
    }
}
