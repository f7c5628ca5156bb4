import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { Dialog } from "./Dialog";

describe("Dialog", () => {
  it("Esc closes it from inside", () => {
    const onClose = vi.fn();
    render(
      <Dialog title="Order" onClose={onClose} testId="d">
        <input data-testid="field" />
      </Dialog>,
    );
    fireEvent.keyDown(screen.getByTestId("field"), { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("Esc closes it even when focus fell to the page, e.g. after a disabled Save button lost it", () => {
    const onClose = vi.fn();
    render(
      <Dialog title="Order" onClose={onClose}>
        <button disabled>Save</button>
      </Dialog>,
    );
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("only the topmost of two open dialogs closes", () => {
    const outer = vi.fn();
    const inner = vi.fn();
    render(
      <>
        <Dialog title="Order" onClose={outer}>
          <p>form</p>
        </Dialog>
        <Dialog title="Discard changes?" onClose={inner}>
          <p>confirm</p>
        </Dialog>
      </>,
    );
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(inner).toHaveBeenCalledTimes(1);
    expect(outer).not.toHaveBeenCalled();
  });
});
