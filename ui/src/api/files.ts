// Native file dialogs and files dropped on the window: the Tauri dialog plugin and the
// webview's drag-drop events. The typed path stays the fallback everywhere (and is what the
// end-to-end tests use: WebDriver cannot drive a native dialog).
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { open, save } from "@tauri-apps/plugin-dialog";

/** What the import screen reads: tables, contacts, calendars and Fieldbook's JSON dump. */
export const IMPORTABLE_EXTENSIONS = ["csv", "xlsx", "vcf", "ics", "json"];

/** What a drag over the window is doing; `drop` carries the first dropped file. */
export type DropEvent = { kind: "over" } | { kind: "leave" } | { kind: "drop"; path: string };

export const files = {
  /** The native open dialog for one importable file; null when the user cancels. */
  async chooseImport(title: string, filterName: string): Promise<string | null> {
    const picked = await open({
      title,
      multiple: false,
      directory: false,
      filters: [{ name: filterName, extensions: IMPORTABLE_EXTENSIONS }],
    });
    return typeof picked === "string" ? picked : null;
  },
  /** The native save dialog, starting at `defaultPath`, offering `extension`; null on cancel. */
  async chooseSave(title: string, defaultPath: string, extension: string, filterName: string): Promise<string | null> {
    const picked = await save({
      title,
      defaultPath: defaultPath || undefined,
      filters: [{ name: filterName, extensions: [extension] }],
    });
    return picked ?? null;
  },
  /**
   * Calls `callback` while files are dragged over the window and when one is dropped; resolves
   * to a function that stops listening. Outside the app (tests, the preview) there is no
   * webview to listen to: nothing is called and the stop function does nothing.
   */
  async onDrop(callback: (event: DropEvent) => void): Promise<() => void> {
    let webview;
    try {
      webview = getCurrentWebview();
    } catch {
      return () => {};
    }
    const stop = await webview.onDragDropEvent(({ payload }) => {
      if (payload.type === "drop") {
        const path = payload.paths[0];
        callback(path ? { kind: "drop", path } : { kind: "leave" });
      } else if (payload.type === "leave") callback({ kind: "leave" });
      else callback({ kind: "over" });
    });
    return () => void stop();
  },
};
