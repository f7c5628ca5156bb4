import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { FormFooter } from "./FormFooter";

describe("FormFooter", () => {
  it("keeps each keyboard shortcut of the hint whole, so a wrapped line never splits one", () => {
    const { container } = render(
      <FormFooter hint="Enter to save · Ctrl+Enter in notes · Esc to cancel" onCancel={() => {}} saving={false} saveTestId="save" />,
    );
    const parts = [...container.querySelectorAll(".form-shortcut")].map((e) => e.textContent);
    expect(parts).toEqual(["Enter to save", "Ctrl+Enter in notes", "Esc to cancel"]);
    expect(container.querySelector(".form-shortcuts")).toHaveTextContent("Enter to save · Ctrl+Enter in notes · Esc to cancel");
    expect(screen.getByTestId("save")).toHaveTextContent("Save");
  });
});
