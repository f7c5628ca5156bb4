//! Native desktop notifications (freedesktop D-Bus on Linux, via notify-rust). Clicking one
//! opens the agenda.

use fieldbook_core::reminders::DueNotification;
use tauri::{AppHandle, Emitter, Manager};

/// More due at once than this and they become one summary notification.
const MAX_SINGLE: usize = 3;
/// How many titles a summary lists.
const SUMMARY_LINES: usize = 5;

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

/// The summary and body of each notification to show for `due`.
pub fn texts(due: &[DueNotification], zh: bool) -> Vec<(String, String)> {
    let title = |d: &DueNotification| {
        let o = &d.occurrence;
        if zh {
            o.title_zh.clone()
        } else {
            o.title.clone()
        }
    };
    let when = |d: &DueNotification| {
        let o = &d.occurrence;
        let days = (o.date - o.remind_on).num_days();
        let date = o.date.format("%Y-%m-%d");
        match (zh, days) {
            (true, 0) => format!("今天 · {date}"),
            (true, n) => format!("{n} 天后 · {date}"),
            (false, 0) => format!("Today · {date}"),
            (false, 1) => format!("Tomorrow · {date}"),
            (false, n) => format!("In {n} days · {date}"),
        }
    };
    if due.len() <= MAX_SINGLE {
        return due.iter().map(|d| (title(d), when(d))).collect();
    }
    let mut lines: Vec<String> = due.iter().take(SUMMARY_LINES).map(title).collect();
    if due.len() > SUMMARY_LINES {
        lines.push(if zh {
            format!("……另有 {} 条", due.len() - SUMMARY_LINES)
        } else {
            format!("…and {} more", due.len() - SUMMARY_LINES)
        });
    }
    let summary =
        if zh { format!("客簿：{} 条提醒", due.len()) } else { format!("Fieldbook: {} reminders", due.len()) };
    vec![(summary, lines.join("\n"))]
}

pub fn show(app: &AppHandle, due: &[DueNotification], zh: bool) {
    for (summary, body) in texts(due, zh) {
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
    use chrono::NaiveDate;
    use fieldbook_core::reminders::{Occurrence, OccurrenceKind};

    fn due(name: &str, lead: u32) -> DueNotification {
        let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let occurrence = Occurrence::new(OccurrenceKind::Birthday, name, date, lead)
            .for_customer(name, name)
            .titled(format!("Birthday: {name}"), format!("{name} 生日"));
        DueNotification { occurrence, fire_at: "2026-11-22T01:00:00.000Z".into() }
    }

    #[test]
    fn a_few_reminders_each_get_a_notification_with_title_and_when() {
        let t = texts(&[due("张三", 3), due("李四", 0)], true);
        assert_eq!(
            t,
            vec![("张三 生日".into(), "3 天后 · 2026-11-25".into()), ("李四 生日".into(), "今天 · 2026-11-25".into())]
        );
        let t = texts(&[due("Ann", 1)], false);
        assert_eq!(t[0], ("Birthday: Ann".into(), "Tomorrow · 2026-11-25".into()));
    }

    #[test]
    fn many_reminders_at_once_become_one_summary_listing_the_first_few() {
        let many: Vec<_> = (0..8).map(|i| due(&format!("C{i}"), 3)).collect();
        let t = texts(&many, false);
        assert_eq!(t.len(), 1, "one summary, not eight notifications");
        assert_eq!(t[0].0, "Fieldbook: 8 reminders");
        assert!(t[0].1.starts_with("Birthday: C0\nBirthday: C1"));
        assert!(t[0].1.ends_with("…and 3 more"));
    }

    #[test]
    fn the_language_follows_the_saved_choice_before_the_desktop() {
        assert!(chinese(Some("zh-CN")));
        assert!(!chinese(Some("en")));
    }
}
