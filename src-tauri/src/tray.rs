//! The tray icon: open the window, open the agenda, lock, quit. With "keep running in the tray"
//! on, closing the window hides it and reminders keep firing.

use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager};

use crate::notifications::open_agenda;
use crate::state::AppState;

/// Tells the window the app was locked from outside it (the tray): show the lock screen.
pub const LOCKED_EVENT: &str = "app-locked";

pub fn install(app: &AppHandle, zh: bool) -> tauri::Result<()> {
    let (open, agenda, lock, quit) =
        if zh { ("打开客簿", "日程", "锁定", "退出") } else { ("Open Fieldbook", "Agenda", "Lock", "Quit") };
    let menu = Menu::with_items(
        app,
        &[
            &MenuItem::with_id(app, "open", open, true, None::<&str>)?,
            &MenuItem::with_id(app, "agenda", agenda, true, None::<&str>)?,
            &MenuItem::with_id(app, "lock", lock, true, None::<&str>)?,
            &MenuItem::with_id(app, "quit", quit, true, None::<&str>)?,
        ],
    )?;
    let mut tray = TrayIconBuilder::with_id("main").menu(&menu).tooltip("Fieldbook");
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.on_menu_event(|app, event| match event.id.as_ref() {
        "open" => {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.show();
                let _ = w.set_focus();
            }
        }
        "agenda" => open_agenda(app),
        "lock" => {
            app.state::<AppState>().lock();
            let _ = app.emit(LOCKED_EVENT, ());
        }
        "quit" => app.exit(0),
        _ => {}
    })
    .build(app)?;
    Ok(())
}
