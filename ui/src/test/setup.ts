import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach } from "vitest";

import i18n from "../i18n";

// jsdom lays nothing out, so every box is 0×0 and a virtualized list would show no rows.
// Give elements a window-sized client box (what @tanstack/react-virtual measures).
export const TEST_VIEWPORT = { width: 1000, height: 600 };
Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => TEST_VIEWPORT.height });
Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => TEST_VIEWPORT.width });

// findBy*/waitFor poll for a condition; this is only the ceiling. One second (the default)
// was exceeded by a first render on a machine busy compiling: allow more, still fail if never.
configure({ asyncUtilTimeout: 5000 });

beforeEach(async () => {
  await i18n.changeLanguage("en");
});

afterEach(() => {
  cleanup();
  clearMocks();
  window.localStorage.clear();
});
