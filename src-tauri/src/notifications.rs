//! Native desktop notifications (freedesktop D-Bus on Linux, via notify-rust). Clicking one
//! opens the agenda.

use fieldbook_core::reminders::{notices, DueNotification};
use tauri::{AppHandle, Emitter, Manager};

/// Whether to speak Chinese: the user's choice, else the desktop's language.
pub fn chinese(locale: Option<&str>) -> bool {
    match locale {
        Some(l) => l.starts_with("zh"),
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .is_some_and(|l| l.starts_with("zh")),
    }
}

/// The summary and body of each notification to show for `due`: the core decides
/// (`reminders::notices`: a few each on their own, many revisits as one count).
/// `private` (the app is locked and details are not to be shown): one notice with only the
/// count, no customer, title or date.
pub fn texts(due: &[DueNotification], zh: bool, private: bool) -> Vec<(String, String)> {
    if private {
        let n = due.len();
        return vec![if zh {
            ("客簿提醒".to_string(), format!("{n} 条提醒到期，解锁后查看"))
        } else {
            (
                "Fieldbook reminders".to_string(),
                format!("{n} reminder{} due: unlock to see", if n == 1 { "" } else { "s" }),
            )
        }];
    }
    notices(due, zh).into_iter().map(|n| (n.summary, n.body)).collect()
}

pub fn show(app: &AppHandle, due: &[DueNotification], zh: bool, private: bool) {
    for (summary, body) in texts(due, zh, private) {
        let app = app.clone();
        // Waiting for a click blocks, so each notification gets its own thread.
        std::thread::spawn(move || {
            let shown = notify_rust::Notification::new()
                .appname("Fieldbook")
                .summary(&summary)
                .body(&body)
                .action("default", if zh { "打开日程" } else { "Open agenda" })
                .show();
            match shown {
                Ok(handle) => handle.wait_for_action(|action| {
                    if action == "default" {
                        open_agenda(&app);
                    }
                }),
                Err(e) => tracing::warn!("cannot show a notification: {e}"),
            }
        });
    }
}

/// Bring the window forward on the agenda (from a notification or the tray).
pub fn open_agenda(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
    let _ = app.emit("open-agenda", ());
}

#[cfg(test)]
mod tests {
    use super::*;

    // What each batch shows is tested in the core (reminders::notices).

    #[test]
    fn a_private_notice_names_only_the_count() {
        let (summary, body) = texts(&[], false, true).remove(0);
        assert_eq!(summary, "Fieldbook reminders");
        assert_eq!(body, "0 reminders due: unlock to see");
        assert_eq!(texts(&[], true, true)[0].1, "0 条提醒到期，解锁后查看");
    }

    #[test]
    fn the_language_follows_the_saved_choice_before_the_desktop() {
        assert!(chinese(Some("zh-CN")));
        assert!(!chinese(Some("en")));
    }
}
