import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { TextField } from "./TextField";

describe("TextField", () => {
  it("is named by its label, reports each edit, and shows its hint", () => {
    const onChange = vi.fn();
    render(<TextField label="Bucket" testId="bucket" value="team" hint="3–63 lowercase letters" onChange={onChange} />);
    const input = screen.getByLabelText(/^Bucket/);
    expect(input).toBe(screen.getByTestId("bucket"));
    expect(input).toHaveValue("team");
    fireEvent.change(input, { target: { value: "team-book" } });
    expect(onChange).toHaveBeenCalledWith("team-book");
    expect(screen.getByText("3–63 lowercase letters")).toBeInTheDocument();
  });

  it("keeps a secret out of autocomplete and shows addresses in monospace", () => {
    render(
      <>
        <TextField label="Secret" testId="secret" type="password" value="" onChange={() => undefined} />
        <TextField label="Server" testId="server" mono value="" onChange={() => undefined} />
      </>,
    );
    expect(screen.getByTestId("secret")).toHaveAttribute("type", "password");
    expect(screen.getByTestId("secret")).toHaveAttribute("autocomplete", "off");
    expect(screen.getByTestId("server")).toHaveClass("mono");
  });
});
