import { act, render, screen } from "@testing-library/react";
import { useEffect } from "react";
import { afterEach, describe, expect, it } from "vitest";

import i18n from "../i18n";
import { ToastProvider, useToast } from "./Toast";

function Saves({ name }: { name: string }) {
  const toast = useToast();
  useEffect(() => {
    toast({ message: (t) => t("toast.created", { name }), tone: "success", action: { label: (t) => t("actions.undo"), run: () => {} } });
  }, [toast, name]);
  return null;
}

afterEach(async () => {
  await act(() => i18n.changeLanguage("en"));
});

describe("toasts", () => {
  it("a toast on screen follows a language switch, its action too", async () => {
    render(
      <ToastProvider>
        <Saves name="王芳" />
      </ToastProvider>,
    );
    expect(await screen.findByTestId("toast")).toHaveTextContent("王芳");
    const english = screen.getByTestId("toast").textContent;
    expect(screen.getByTestId("toast-undo")).toHaveTextContent("Undo");
    await act(() => i18n.changeLanguage("zh-CN"));
    expect(screen.getByTestId("toast").textContent).not.toBe(english);
    expect(screen.getByTestId("toast")).toHaveTextContent("王芳");
    expect(screen.getByTestId("toast-undo")).toHaveTextContent("撤销");
  });
});
