import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { DesktopSection } from "./DesktopSection";

describe("desktop settings", () => {
  it("turning on keep-in-tray saves it without touching the language or login setting", async () => {
    const backend = installBackend([], { locale: "zh-CN" });
    renderWithProviders(<DesktopSection />);
    const tray = await screen.findByTestId("settings-keep-in-tray");
    await waitFor(() => expect(tray).toBeEnabled());
    expect(tray).not.toBeChecked();
    await userEvent.setup().click(tray);
    await waitFor(() =>
      expect(callsTo(backend, "settings_update")).toEqual([
        { settings: { locale: "zh-CN", keep_in_tray: true, start_at_login: false } },
      ]),
    );
    expect(tray).toBeChecked();
    expect(screen.getByTestId("settings-start-at-login")).not.toBeChecked();
  });
});
