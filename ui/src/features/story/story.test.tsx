import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { Classification, CustomerInput, InteractionInput, OrderInput } from "../../api";
import { makeCustomer } from "../../dev/fakeBackend";
import i18n from "../../i18n";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { CustomerDetail } from "../customers/CustomerDetail";
import { stageReasonText } from "./format";
import { OrderForm } from "./OrderForm";

const noop = () => {};

function renderDetail(id = "c1") {
  renderWithProviders(<CustomerDetail id={id} onClose={noop} onOpen={noop} onEdit={noop} onDelete={noop} />);
}

describe("quick log", () => {
  it("the quick log marks every invalid field at once (no summary and an impossible follow-up date)", async () => {
    const backend = installBackend([makeCustomer({ id: "c1", name: "张伟" })]);
    renderDetail();
    fireEvent.click(await screen.findByTestId("quick-log"));
    const form = await screen.findByTestId("interaction-form");
    fireEvent.change(within(form).getByTestId("interaction-follow-up"), { target: { value: "1700-01-01" } });
    fireEvent.click(within(form).getByText("Save"));
    expect(await within(form).findByTestId("field-error-summary")).toHaveTextContent("Enter a summary");
    expect(within(form).getByTestId("field-error-follow_up_on")).toBeInTheDocument();
    expect(callsTo(backend, "interactions_create")).toHaveLength(1);
    expect(backend.records.interactions.size).toBe(0);
  });

  it("a follow-up typed in the UI's shape is sent as ISO; text that is not a date is refused at the field and nothing is sent", async () => {
    const backend = installBackend([makeCustomer({ id: "c1", name: "张伟" })]);
    renderDetail();
    fireEvent.click(await screen.findByTestId("quick-log"));
    const form = await screen.findByTestId("interaction-form");
    fireEvent.change(within(form).getByTestId("interaction-summary"), { target: { value: "电话回访" } });
    fireEvent.change(within(form).getByTestId("interaction-follow-up"), { target: { value: "2/30/2027" } });
    fireEvent.click(within(form).getByText("Save"));
    expect(await within(form).findByTestId("field-error-follow_up_on")).toHaveTextContent("This date is not in a recognised format");
    expect(callsTo(backend, "interactions_create")).toHaveLength(0);
    fireEvent.change(within(form).getByTestId("interaction-follow-up"), { target: { value: "3/1/2027" } });
    fireEvent.click(within(form).getByText("Save"));
    await waitFor(() => expect(callsTo(backend, "interactions_create")).toHaveLength(1));
    const [sent] = callsTo(backend, "interactions_create") as { input: InteractionInput }[];
    expect(sent?.input.follow_up_on).toBe("2027-03-01");
  });

  it("Esc on a half-typed quick log asks first; an untouched one closes at once", async () => {
    const user = userEvent.setup();
    installBackend([makeCustomer({ id: "c1", name: "张伟" })]);
    renderDetail();
    fireEvent.click(await screen.findByTestId("quick-log"));
    await screen.findByTestId("interaction-form");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("interaction-form")).toBeNull());

    fireEvent.click(await screen.findByTestId("quick-log"));
    await user.type(await screen.findByTestId("interaction-summary"), "上门");
    await user.keyboard("{Escape}");
    expect(screen.getByRole("alertdialog")).toHaveTextContent("Discard your changes?");
    await user.click(screen.getByTestId("confirm-cancel"));
    expect(screen.getByTestId("interaction-summary")).toHaveValue("上门");
    await user.keyboard("{Escape}");
    await user.click(screen.getByTestId("confirm-ok"));
    await waitFor(() => expect(screen.queryByTestId("interaction-form")).toBeNull());
  });

  it("L opens the quick log; Enter sends kind and summary with no time (the core stamps now), and the timeline shows it at once", async () => {
    const user = userEvent.setup();
    const backend = installBackend([makeCustomer({ id: "c1", name: "张伟" })]);
    renderDetail();
    await screen.findByTestId("tab-overview");

    fireEvent.keyDown(window, { key: "l" });
    const form = await screen.findByTestId("interaction-form");
    await user.selectOptions(within(form).getByTestId("interaction-kind"), "call");
    await user.type(within(form).getByTestId("interaction-summary"), "电话确认续投意向{Enter}");

    await waitFor(() => expect(screen.queryByTestId("interaction-form")).not.toBeInTheDocument());
    const sent = callsTo(backend, "interactions_create")[0]?.input as InteractionInput;
    expect(sent).toEqual({ customer_id: "c1", kind: "call", summary: "电话确认续投意向", outcome: null, next_step: null, follow_up_on: null });
    expect(sent, "no occurred_at: Rust owns time").not.toHaveProperty("occurred_at");

    // The quick log switches to the timeline, which already holds the new entry.
    expect(screen.getByTestId("tab-timeline")).toHaveAttribute("aria-selected", "true");
    const items = await screen.findAllByTestId("timeline-item");
    const logged = items.find((el) => el.dataset.type === "interaction");
    expect(logged).toHaveTextContent("电话确认续投意向");
  });

  it("the Log button opens the same form, and deleting from the timeline offers Undo that restores it", async () => {
    const user = userEvent.setup();
    const backend = installBackend([makeCustomer({ id: "c1", name: "张伟" })]);
    renderDetail();
    await user.click(await screen.findByTestId("quick-log"));
    await user.type(screen.getByTestId("interaction-summary"), "Lunch with the CFO");
    await user.click(screen.getByTestId("interaction-save"));
    const item = (await screen.findAllByTestId("timeline-item")).find((el) => el.dataset.type === "interaction")!;

    await user.click(within(item).getByTestId("timeline-delete"));
    await waitFor(() => expect(screen.queryAllByTestId("timeline-item").filter((el) => el.dataset.type === "interaction")).toHaveLength(0));
    await user.click(await screen.findByTestId("toast-undo"));
    expect(callsTo(backend, "interactions_restore")).toHaveLength(1);
    await waitFor(() => expect(screen.getAllByTestId("timeline-item").some((el) => el.textContent?.includes("Lunch with the CFO"))).toBe(true));
  });
});

describe("overview: next step and open complaints", () => {
  it("shows nothing until there is a follow-up or an open complaint, then both, refreshed after each save, each opening its record", async () => {
    const user = userEvent.setup();
    installBackend([makeCustomer({ id: "c1", name: "张伟" })]);
    renderDetail();
    await screen.findByTestId("classification");
    expect(screen.queryByTestId("next-step-card"), "no empty card").not.toBeInTheDocument();

    fireEvent.keyDown(window, { key: "l" });
    let form = await screen.findByTestId("interaction-form");
    await user.type(within(form).getByTestId("interaction-summary"), "电话沟通");
    await user.type(within(form).getByTestId("interaction-next-step"), "寄送合同");
    fireEvent.change(within(form).getByTestId("interaction-follow-up"), { target: { value: "2020-01-02" } });
    await user.click(within(form).getByTestId("interaction-save"));
    await waitFor(() => expect(screen.queryByTestId("interaction-form")).not.toBeInTheDocument());

    await user.click(screen.getByTestId("tab-overview"));
    const step = await screen.findByTestId("next-step");
    expect(step).toHaveTextContent("寄送合同");
    expect(within(step).getByTestId("next-step-day"), "overdue, as in the list").toHaveClass("follow-up-overdue");
    expect(screen.queryByTestId("open-complaints")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("tab-complaints"));
    await user.click(await screen.findByTestId("new-complaint"));
    form = await screen.findByTestId("complaint-form");
    await user.type(within(form).getByTestId("complaint-subject"), "到账延迟{Enter}");
    await waitFor(() => expect(screen.queryByTestId("complaint-form")).not.toBeInTheDocument());

    await user.click(screen.getByTestId("tab-overview"));
    const open = await screen.findByTestId("open-complaints");
    expect(open).toHaveTextContent("Open complaints 1");
    expect(open).toHaveTextContent("到账延迟");
    await user.click(open);
    expect(await screen.findByTestId("complaint-form")).toBeInTheDocument();
    expect(screen.getByTestId("complaint-subject")).toHaveValue("到账延迟");
    fireEvent.keyDown(screen.getByTestId("complaint-subject"), { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("complaint-form")).not.toBeInTheDocument());

    await user.click(screen.getByTestId("next-step"));
    expect(await screen.findByTestId("interaction-summary")).toHaveValue("电话沟通");
  });
});

describe("complaint form", () => {
  it("marks every invalid field at once: no subject and a return visit before the complaint", async () => {
    const user = userEvent.setup();
    const backend = installBackend([makeCustomer({ id: "c1", name: "张伟" })]);
    renderDetail();
    await user.click(await screen.findByTestId("tab-complaints"));
    await user.click(await screen.findByTestId("new-complaint"));
    const form = await screen.findByTestId("complaint-form");
    fireEvent.change(within(form).getByTestId("complaint-opened-on"), { target: { value: "2026-11-10" } });
    fireEvent.change(within(form).getByTestId("complaint-return-visit"), { target: { value: "2026-11-01" } });
    await user.click(within(form).getByTestId("complaint-save"));
    expect(await within(form).findByTestId("field-error-subject")).toBeInTheDocument();
    expect(within(form).getByTestId("field-error-return_visit_on")).toBeInTheDocument();
    expect(within(form).getByTestId("complaint-return-visit")).toHaveAttribute("aria-invalid", "true");
    expect(callsTo(backend, "complaints_create")).toHaveLength(1);
    expect(backend.records.complaints.size).toBe(0);
  });
});

describe("order form", () => {
  it("sends amounts as the decimal strings typed (\"19.99\", never 19.990000001) and shows the total returned by the core", async () => {
    const user = userEvent.setup();
    const backend = installBackend([makeCustomer({ id: "c1", name: "张伟" })], {
      override: (cmd, args) => {
        if (cmd !== "orders_create") return undefined;
        const input = args.input as OrderInput;
        // The core's answer, whatever it computed: the form must show this, not its own sum.
        return {
          id: "o1", customer_id: "c1", ordered_on: input.ordered_on, status: input.status, currency: input.currency,
          notes: null, expected_return_pct: null, stop_loss_pct: null,
          lines: [{ id: "l1", product_id: null, description: "茶具", quantity: "3", unit_price: "19.99", discount_pct: "12.5", total: "52.47" }],
          total: "52.47", created_at: "2025-03-01T09:30:00Z", updated_at: "2025-03-01T09:30:00Z", deleted_at: null,
        };
      },
    });
    renderWithProviders(<OrderForm customerId="c1" onClose={noop} />);
    await user.type(screen.getByTestId("order-line-description-0"), "茶具");
    await user.clear(screen.getByTestId("order-line-quantity-0"));
    await user.type(screen.getByTestId("order-line-quantity-0"), "3");
    await user.type(screen.getByTestId("order-line-price-0"), "19.99");
    await user.type(screen.getByTestId("order-line-discount-0"), "12.5");
    expect(screen.getByTestId("order-total"), "no total before the core computed it").not.toHaveTextContent("52");
    await user.click(screen.getByTestId("order-save"));

    await waitFor(() => expect(screen.getByTestId("order-total")).toHaveTextContent("52.47"));
    expect(screen.getByTestId("order-line-total-0")).toHaveTextContent("52.47");
    const sent = callsTo(backend, "orders_create")[0]?.input as OrderInput;
    expect(sent.currency).toBe("CNY");
    expect(sent.lines).toEqual([{ product_id: null, description: "茶具", quantity: "3", unit_price: "19.99", discount_pct: "12.5" }]);
    expect(typeof sent.lines[0]!.unit_price, "money crosses IPC as a string").toBe("string");
  });

  it("shows the core's error on lines[0].quantity under that field", async () => {
    const user = userEvent.setup();
    installBackend([makeCustomer({ id: "c1", name: "张伟" })]);
    renderWithProviders(<OrderForm customerId="c1" onClose={noop} />);
    await user.type(screen.getByTestId("order-line-description-0"), "Advisory session");
    await user.clear(screen.getByTestId("order-line-quantity-0"));
    await user.type(screen.getByTestId("order-line-quantity-0"), "0");
    await user.type(screen.getByTestId("order-line-price-0"), "1200");
    await user.click(screen.getByTestId("order-save"));

    const error = await screen.findByTestId("field-error-lines[0].quantity");
    expect(error).toHaveTextContent("The quantity must be above zero");
    expect(screen.getByTestId("order-line-quantity-0")).toHaveAttribute("aria-invalid", "true");
  });

  it("marks every field the core refuses at once: the currency and each line's own problem", async () => {
    const user = userEvent.setup();
    const backend = installBackend([makeCustomer({ id: "c1", name: "张伟" })]);
    renderWithProviders(<OrderForm customerId="c1" onClose={noop} />);
    await user.clear(screen.getByTestId("order-currency"));
    await user.type(screen.getByTestId("order-currency"), "R1");
    await user.clear(screen.getByTestId("order-line-quantity-0"));
    await user.type(screen.getByTestId("order-line-quantity-0"), "0");
    await user.type(screen.getByTestId("order-line-price-0"), "-5");
    await user.click(screen.getByTestId("add-order-line"));
    await user.type(screen.getByTestId("order-line-description-1"), "咨询");
    await user.type(screen.getByTestId("order-line-price-1"), "100");
    await user.type(screen.getByTestId("order-line-discount-1"), "150");
    await user.click(screen.getByTestId("order-save"));

    expect(await screen.findByTestId("field-error-currency")).toBeInTheDocument();
    for (const path of ["lines[0].description", "lines[0].quantity", "lines[0].unit_price", "lines[1].discount_pct"])
      expect(screen.getByTestId(`field-error-${path}`), path).toBeInTheDocument();
    expect(screen.getByTestId("order-line-discount-1")).toHaveAttribute("aria-invalid", "true");
    expect(callsTo(backend, "orders_create"), "one save, all problems").toHaveLength(1);
    expect(backend.records.orders.size).toBe(0);
  });

  it("catches a quantity that is not a number before asking the core", async () => {
    const user = userEvent.setup();
    const backend = installBackend([makeCustomer({ id: "c1", name: "张伟" })]);
    renderWithProviders(<OrderForm customerId="c1" onClose={noop} />);
    await user.type(screen.getByTestId("order-line-description-0"), "x");
    await user.clear(screen.getByTestId("order-line-quantity-0"));
    await user.type(screen.getByTestId("order-line-quantity-0"), "1,5");
    await user.click(screen.getByTestId("order-save"));
    expect(await screen.findByTestId("field-error-lines[0].quantity")).toHaveTextContent("Enter a number");
    expect(callsTo(backend, "orders_create")).toHaveLength(0);
  });
});

describe("classification", () => {
  it("accept-tier saves the suggested tier with customers_update and keeps every other field, risk preference included", async () => {
    const user = userEvent.setup();
    const customer = makeCustomer({
      id: "c1",
      name: "王芳",
      tier: "C",
      risk_preference: "growth",
      customer_type: "loyal",
      tags: ["理财"],
      phones: [{ id: "p1", label: "mobile", value: "138 0013 8000" }],
      birthday: { calendar: "lunar", year: 1980, month: 8, leap: false, day: 15 },
      notes: "偏好稳健型理财",
    });
    const classification: Classification = {
      customer_id: "c1", stage: "active", reason: { code: "last_purchase_days", days: 12, text: "last purchase 12 days ago" },
      rfm: { recency_days: 12, frequency: 4, monetary: "109131.20", currency: "CNY", r: 5, f: 4, m: 5 }, suggested_tier: "A",
    };
    const backend = installBackend([customer], { override: (cmd) => (cmd === "classify_customer" ? classification : undefined) });
    renderDetail();
    expect(await screen.findByTestId("stage-badge")).toHaveTextContent("Active");
    expect(screen.getByTestId("stage-reason")).toHaveTextContent("last purchase 12 days ago");
    expect(screen.getByTestId("suggested-tier")).toHaveAttribute("data-tier", "A");
    expect(screen.getByTestId("rfm-m")).toHaveTextContent("109,131.20");

    await user.click(screen.getByTestId("accept-tier"));
    await waitFor(() => expect(callsTo(backend, "customers_update")).toHaveLength(1));
    const { id, input } = callsTo(backend, "customers_update")[0] as { id: string; input: CustomerInput };
    const { id: _i, company_name: _cn, members: _m, created_at: _c, updated_at: _u, deleted_at: _d, ...fields } = customer;
    expect(id).toBe("c1");
    expect(input).toEqual({ ...fields, tier: "A" });
    expect(input.risk_preference).toBe("growth");
  });
});

describe("revisit cadence", () => {
  const classification = (id: string): Classification => ({
    customer_id: id, stage: "active", reason: { code: "last_interaction_days", days: 3, text: "" }, rfm: null, suggested_tier: "B",
  });

  it("shows the tier's interval, saves the customer's own, and goes back to the tier's", async () => {
    const user = userEvent.setup();
    const customer = makeCustomer({ id: "c1", name: "王芳", tier: "A" });
    const backend = installBackend([customer], { override: (cmd) => (cmd === "classify_customer" ? classification("c1") : undefined) });
    renderDetail();
    const cadence = await screen.findByTestId("revisit-cadence");
    expect(within(cadence).getByTestId("revisit-source")).toHaveTextContent("tier default: 14 days");
    await user.type(within(cadence).getByTestId("revisit-days"), "5");
    await user.click(within(cadence).getByTestId("revisit-save"));
    await waitFor(() => expect(callsTo(backend, "reminders_revisit_interval_set")).toEqual([{ customerId: "c1", days: 5 }]));
    expect(await within(cadence).findByTestId("revisit-source")).toHaveTextContent("this customer's own cadence");

    await user.click(within(cadence).getByTestId("revisit-clear"));
    await waitFor(() => expect(callsTo(backend, "reminders_revisit_interval_set")).toHaveLength(2));
    expect(callsTo(backend, "reminders_revisit_interval_set")[1]).toEqual({ customerId: "c1", days: null });
    expect(within(cadence).getByTestId("revisit-days")).toHaveValue(null);
  });

  it("says why an interval was refused", async () => {
    const user = userEvent.setup();
    installBackend([makeCustomer({ id: "c1", name: "王芳", tier: "A" })], {
      override: (cmd) => (cmd === "classify_customer" ? classification("c1") : undefined),
    });
    renderDetail();
    const cadence = await screen.findByTestId("revisit-cadence");
    await user.type(within(cadence).getByTestId("revisit-days"), "9999");
    await user.click(within(cadence).getByTestId("revisit-save"));
    expect(await screen.findByTestId("toast")).toHaveTextContent("Revisit intervals are 1 to 3650 days");
  });
});

describe("stage reasons", () => {
  const reason = (code: Classification["reason"]["code"], days: number) => ({ code, days, text: "" });

  it("reads naturally in English", async () => {
    await i18n.changeLanguage("en");
    expect(stageReasonText(i18n.t, reason("last_purchase_days", 212))).toBe("last purchase 212 days ago");
    expect(stageReasonText(i18n.t, reason("last_interaction_days", 1))).toBe("last contact 1 day ago");
    expect(stageReasonText(i18n.t, reason("first_contact_days", 0))).toBe("first contact today");
    expect(stageReasonText(i18n.t, reason("added_days", 45))).toBe("added 45 days ago");
  });

  it("reads naturally in Chinese", async () => {
    await i18n.changeLanguage("zh-CN");
    expect(stageReasonText(i18n.t, reason("last_purchase_days", 212))).toBe("最近一次购买在 212 天前");
    expect(stageReasonText(i18n.t, reason("last_interaction_days", 1))).toBe("最近一次联系在 1 天前");
    expect(stageReasonText(i18n.t, reason("last_purchase_days", 0))).toBe("今天刚购买");
    expect(stageReasonText(i18n.t, reason("added_days", 3))).toBe("录入于 3 天前");
  });
});
