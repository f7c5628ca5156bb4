import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";

import i18n from "../i18n";
import type { DateKind } from "../lib/dateFormatHint";
import { DateField } from "./DateField";

let seen: string[] = [];

function Box({ start = "", type = "date" }: { start?: string; type?: DateKind }) {
  const [value, setValue] = useState(start);
  return (
    <>
      <DateField
        type={type}
        value={value}
        onValueChange={(v) => {
          seen.push(v);
          setValue(v);
        }}
        testId="d"
        aria-label="Follow-up"
      />
      <button type="button" onClick={() => setValue("")}>
        reset
      </button>
    </>
  );
}

afterEach(async () => {
  seen = [];
  await act(() => i18n.changeLanguage("en"));
});

describe("DateField", () => {
  it("says an empty date is not set, in the language's format", () => {
    render(<Box />);
    expect(screen.getByTestId("d")).toHaveAttribute("placeholder", "Not set · mm/dd/yyyy");
    expect(screen.getByTestId("d")).toHaveValue("");
  });

  it("shows a date in the UI's language, whatever the desktop's: 12/25/2026 in English, 2026/12/25 in Chinese", async () => {
    const { unmount } = render(<Box start="2026-12-25" />);
    expect(screen.getByTestId("d")).toHaveValue("12/25/2026");
    unmount();
    await act(() => i18n.changeLanguage("zh-CN"));
    render(<Box start="2026-12-25" />);
    expect(screen.getByTestId("d")).toHaveValue("2026/12/25");
    expect(screen.getByTestId("d")).toHaveAttribute("placeholder", "未设置 · 年/月/日");
  });

  it("reads a date typed in the language's shape and hands the form ISO", async () => {
    render(<Box />);
    await userEvent.type(screen.getByTestId("d"), "12/5/2026");
    expect(seen.at(-1)).toBe("2026-12-05");
    fireEvent.blur(screen.getByTestId("d"));
    expect(screen.getByTestId("d")).toHaveValue("12/05/2026");
    expect(screen.getByTestId("d")).toHaveAttribute("aria-invalid", "false");
  });

  it("keeps text that is not a date as typed, marks it, and hands it on so the form can refuse it", async () => {
    render(<Box />);
    await userEvent.type(screen.getByTestId("d"), "2/30/2026");
    fireEvent.blur(screen.getByTestId("d"));
    expect(screen.getByTestId("d")).toHaveValue("2/30/2026");
    expect(screen.getByTestId("d")).toHaveAttribute("aria-invalid", "true");
    expect(seen.at(-1)).toBe("2/30/2026");
  });

  it("shows a value set from outside instead of an older draft", async () => {
    render(<Box />);
    await userEvent.type(screen.getByTestId("d"), "12/");
    await userEvent.click(screen.getByText("reset"));
    expect(screen.getByTestId("d")).toHaveValue("");
  });

  it("moves a date by a day with the arrow keys, and starts from today when empty", async () => {
    render(<Box start="2026-12-31" />);
    screen.getByTestId("d").focus();
    await userEvent.keyboard("{ArrowUp}");
    expect(screen.getByTestId("d")).toHaveValue("01/01/2027");
    await userEvent.keyboard("{ArrowDown}{ArrowDown}");
    expect(seen.at(-1)).toBe("2026-12-30");
  });

  it("reads a time as 24-hour HH:MM, also with am/pm", async () => {
    render(<Box type="time" start="08:00" />);
    expect(screen.getByTestId("d")).toHaveValue("08:00");
    await userEvent.clear(screen.getByTestId("d"));
    await userEvent.type(screen.getByTestId("d"), "9:30 pm");
    expect(seen.at(-1)).toBe("21:30");
  });
});
