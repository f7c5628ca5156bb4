import { act, render, screen } from "@testing-library/react";
import { useState } from "react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import i18n from "../i18n";
import { DateField } from "./DateField";

function Box({ start = "" }: { start?: string }) {
  const [value, setValue] = useState(start);
  return <DateField type="date" value={value} onChange={(e) => setValue(e.target.value)} testId="d" aria-label="Follow-up" />;
}

describe("DateField", () => {
  it("says an empty date is not set, in the language's format, and the hint goes once a date is typed", async () => {
    render(<Box />);
    expect(screen.getByTestId("d-empty")).toHaveTextContent("Not set · mm/dd/yyyy");
    expect(screen.getByTestId("d")).toHaveAttribute("aria-placeholder", "Not set · mm/dd/yyyy");
    await userEvent.type(screen.getByTestId("d"), "2026-12-04");
    expect(screen.getByTestId("d")).toHaveValue("2026-12-04");
    expect(screen.queryByTestId("d-empty")).toBeNull();
  });

  it("uses 年/月/日 in Chinese", async () => {
    await act(() => i18n.changeLanguage("zh-CN"));
    render(<Box />);
    expect(screen.getByTestId("d-empty")).toHaveTextContent("未设置 · 年/月/日");
  });

  it("shows no hint over a date that is set", () => {
    render(<Box start="2026-01-05" />);
    expect(screen.queryByTestId("d-empty")).toBeNull();
  });
});
