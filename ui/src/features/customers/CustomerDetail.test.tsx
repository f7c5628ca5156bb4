import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { makeCustomer } from "../../dev/fakeBackend";
import { installBackend, renderWithProviders } from "../../test/render";
import { CustomerDetail } from "./CustomerDetail";

describe("customer detail", () => {
  it("translates well-known contact labels and shows free-text labels as typed", async () => {
    const c = makeCustomer({
      id: "c1",
      name: "张三",
      phones: [
        { id: "p1", label: "mobile", value: "138 0013 8000" },
        { id: "p2", label: "老家座机", value: "0571 8888 0000" },
      ],
    });
    installBackend([c], { locale: "zh-CN" });
    renderWithProviders(<CustomerDetail id="c1" onClose={() => {}} onOpen={() => {}} onEdit={() => {}} onDelete={() => {}} />);
    expect(await screen.findByText("138 0013 8000")).toBeInTheDocument();
    expect(await screen.findByText("手机")).toBeInTheDocument();
    expect(screen.getByText("老家座机")).toBeInTheDocument();
    expect(screen.queryByText("mobile")).not.toBeInTheDocument();
  });

  it("shows a known source such as referral in the UI's language", async () => {
    installBackend([makeCustomer({ id: "c1", name: "张三", source: "referral" })], { locale: "zh-CN" });
    renderWithProviders(<CustomerDetail id="c1" onClose={() => {}} onOpen={() => {}} onEdit={() => {}} onDelete={() => {}} />);
    expect(await screen.findByText("转介绍")).toBeInTheDocument();
    expect(screen.queryByText("referral")).not.toBeInTheDocument();
  });

  it("shows the customer's tier once: the badge by the name, not again as a fact or in the classification", async () => {
    installBackend([makeCustomer({ id: "c1", name: "王芳", tier: "VIP" })]);
    renderWithProviders(<CustomerDetail id="c1" onClose={() => {}} onOpen={() => {}} onEdit={() => {}} onDelete={() => {}} />);
    expect(await screen.findByTestId("detail-tier")).toHaveTextContent("VIP");
    await screen.findByTestId("classification");
    // Every tier badge except the suggestion (a different fact) is the one by the name.
    const own = [...document.querySelectorAll(".tier")].filter((b) => !b.closest('[data-testid="suggested-tier"]'));
    expect(own).toHaveLength(1);
    expect(screen.queryByText("Tier", { selector: "dt" })).toBeNull();
    expect(screen.queryByTestId("manual-tier-unset")).toBeNull();
  });

  it("shows an unknown source as typed", async () => {
    installBackend([makeCustomer({ id: "c2", name: "李四", source: "老客户的邻居" })], { locale: "zh-CN" });
    renderWithProviders(<CustomerDetail id="c2" onClose={() => {}} onOpen={() => {}} onEdit={() => {}} onDelete={() => {}} />);
    expect(await screen.findByText("老客户的邻居")).toBeInTheDocument();
  });
});
