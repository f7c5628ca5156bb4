import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { Customer, CustomerInput } from "../../api";
import { makeCustomer } from "../../dev/fakeBackend";
import i18n from "../../i18n";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { CustomerForm } from "./CustomerForm";

function renderForm(customer?: Customer) {
  const onSaved = vi.fn();
  const onClose = vi.fn();
  renderWithProviders(<CustomerForm customer={customer ?? null} onSaved={onSaved} onClose={onClose} />);
  return { onSaved, onClose };
}

/** A fake core whose customers_create fails with `payload`. */
function rejectCreate(payload: { code: string; message: string; field: string | null }, locale: string | null = null) {
  return installBackend([], {
    locale,
    override: (cmd) => {
      if (cmd === "customers_create") throw payload;
    },
  });
}

const sentInput = (backend: ReturnType<typeof installBackend>, cmd = "customers_create") =>
  callsTo(backend, cmd).at(-1)?.input as CustomerInput | undefined;

describe("customer form", () => {
  it("shows the server's email_invalid error under the first email field", async () => {
    const user = userEvent.setup();
    rejectCreate({ code: "email_invalid", message: "\"li@\" is not an email address", field: "emails[0]" });
    const { onSaved } = renderForm();
    await user.type(screen.getByTestId("field-name"), "李娜");
    await user.type(screen.getByTestId("field-email-0"), "li@");
    await user.click(screen.getByTestId("save-customer"));

    const error = await screen.findByTestId("field-error-emails[0]");
    expect(error).toHaveTextContent("This is not a valid email address");
    // Right under the email row, and the input says so to assistive tech.
    expect(error.closest(".repeat-item")).toContainElement(screen.getByTestId("field-email-0"));
    expect(screen.getByTestId("field-email-0")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByTestId("field-error-name")).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("translates the field error into the current language", async () => {
    await i18n.changeLanguage("zh-CN");
    const user = userEvent.setup();
    rejectCreate({ code: "phone_invalid", message: "bad phone", field: "phones[0]" }, "zh-CN");
    renderForm();
    await user.type(screen.getByTestId("field-name"), "王芳");
    await user.type(screen.getByTestId("field-phone-0"), "abc");
    await user.click(screen.getByTestId("save-customer"));
    expect(await screen.findByTestId("field-error-phones[0]")).toHaveTextContent("电话号码格式不正确");
  });

  it("maps an error on a sent row back to the form row when blank rows were skipped", async () => {
    const user = userEvent.setup();
    rejectCreate({ code: "email_invalid", message: "bad", field: "emails[0]" });
    renderForm();
    await user.type(screen.getByTestId("field-name"), "Emily Carter");
    await user.click(screen.getByTestId("add-email"));
    await user.type(screen.getByTestId("field-email-1"), "emily@");
    await user.click(screen.getByTestId("save-customer"));
    expect(await screen.findByTestId("field-error-emails[1]")).toBeInTheDocument();
    expect(screen.queryByTestId("field-error-emails[0]")).toBeNull();
  });

  it("shows every failing field at once on the first save (name, phone and email), and writes nothing", async () => {
    const user = userEvent.setup();
    const backend = installBackend();
    const { onSaved } = renderForm();
    await user.type(screen.getByTestId("field-phone-0"), "call me");
    await user.type(screen.getByTestId("field-email-0"), "li@");
    await user.click(screen.getByTestId("save-customer"));
    expect(await screen.findByTestId("field-error-name")).toHaveTextContent("Enter a name");
    expect(screen.getByTestId("field-error-phones[0]")).toBeInTheDocument();
    expect(screen.getByTestId("field-error-emails[0]")).toHaveTextContent("This is not a valid email address");
    for (const id of ["field-name", "field-phone-0", "field-email-0"]) {
      expect(screen.getByTestId(id)).toHaveAttribute("aria-invalid", "true");
    }
    // The first failing field has the focus; one round trip, nothing saved.
    await waitFor(() => expect(screen.getByTestId("field-name")).toHaveFocus());
    expect(callsTo(backend, "customers_create")).toHaveLength(1);
    expect(backend.customers.size).toBe(0);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("shows errors without a form field in a banner", async () => {
    const user = userEvent.setup();
    rejectCreate({ code: "storage", message: "disk I/O error", field: null });
    renderForm();
    await user.type(screen.getByTestId("field-name"), "赵强");
    await user.click(screen.getByTestId("save-customer"));
    expect(await screen.findByTestId("error-banner")).toHaveTextContent("The database could not be read or written");
  });

  it("turns the lunar birthday toggle into a lunar DateSpec with the leap flag", async () => {
    const user = userEvent.setup();
    const backend = installBackend();
    const { onSaved } = renderForm();
    await user.type(screen.getByTestId("field-name"), "陈静");
    await user.selectOptions(screen.getByTestId("field-birthday-calendar"), "lunar");
    await user.type(screen.getByTestId("field-birthday-month"), "2");
    await user.type(screen.getByTestId("field-birthday-day"), "15");
    await user.click(screen.getByTestId("field-birthday-leap"));
    await user.click(screen.getByTestId("save-customer"));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sentInput(backend)?.birthday).toEqual({ calendar: "lunar", year: null, month: 2, leap: true, day: 15 });
  });

  it("sends a Gregorian birthday with its optional year", async () => {
    const user = userEvent.setup();
    const backend = installBackend();
    const { onSaved } = renderForm();
    await user.type(screen.getByTestId("field-name"), "Liam");
    await user.type(screen.getByTestId("field-birthday-year"), "1988");
    await user.type(screen.getByTestId("field-birthday-month"), "7");
    await user.type(screen.getByTestId("field-birthday-day"), "21");
    expect(screen.queryByTestId("field-birthday-leap")).toBeNull();
    await user.click(screen.getByTestId("save-customer"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sentInput(backend)?.birthday).toEqual({ calendar: "gregorian", year: 1988, month: 7, day: 21 });
  });

  it("previews a lunar date in Chinese style", async () => {
    await i18n.changeLanguage("zh-CN");
    const user = userEvent.setup();
    installBackend([], { locale: "zh-CN" });
    renderForm();
    await user.selectOptions(screen.getByTestId("field-birthday-calendar"), "lunar");
    await user.type(screen.getByTestId("field-birthday-month"), "12");
    await user.type(screen.getByTestId("field-birthday-day"), "30");
    expect(screen.getByRole("group", { name: "生日" })).toHaveTextContent("农历 腊月三十");
  });

  it("sends all fields, with tags from chips and from text still in the box", async () => {
    const user = userEvent.setup();
    const backend = installBackend();
    const { onSaved } = renderForm();
    await user.type(screen.getByTestId("field-name"), "  张伟  ");
    await user.selectOptions(screen.getByTestId("field-tier"), "VIP");
    await user.type(screen.getByTestId("field-phone-0"), "+86 138 0013 8000");
    await user.click(screen.getByTestId("add-phone"));
    await user.type(screen.getByTestId("field-phone-1"), "010-6552 1234");
    await user.type(screen.getByTestId("field-tags"), "高净值{Enter}golf,理财");
    await user.click(screen.getByTestId("save-customer"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const input = sentInput(backend)!;
    expect(input).toMatchObject({
      kind: "person",
      name: "张伟",
      tier: "VIP",
      tags: ["高净值", "golf", "理财"],
      birthday: null,
      emails: [],
      title: null,
    });
    expect(input.phones.map((p) => p.value)).toEqual(["+86 138 0013 8000", "010-6552 1234"]);
  });

  it("saves with Ctrl+S", async () => {
    const user = userEvent.setup();
    const backend = installBackend();
    const { onSaved } = renderForm();
    await user.type(screen.getByTestId("field-name"), "周杰");
    await user.keyboard("{Control>}s{/Control}");
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(callsTo(backend, "customers_create")).toHaveLength(1);
  });

  it("closes on Esc at once while nothing is typed", async () => {
    const user = userEvent.setup();
    installBackend();
    const { onClose } = renderForm();
    await user.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalled();
  });

  it("asks before Esc or Cancel discards a half-typed form, and keeps the typing on No", async () => {
    const user = userEvent.setup();
    const backend = installBackend();
    const { onClose } = renderForm();
    await user.type(screen.getByTestId("field-name"), "半个名字");
    await user.keyboard("{Escape}");
    expect(screen.getByRole("alertdialog")).toHaveTextContent("Discard your changes?");
    expect(onClose).not.toHaveBeenCalled();
    // Esc again answers the question with "keep typing", not by closing the form too.
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(screen.getByTestId("field-name")).toHaveValue("半个名字");
    expect(onClose).not.toHaveBeenCalled();

    await user.click(screen.getByTestId("cancel-customer"));
    await user.click(screen.getByTestId("confirm-ok"));
    expect(onClose).toHaveBeenCalled();
    expect(callsTo(backend, "customers_create")).toHaveLength(0);
  });

  it("edits an existing customer with customers_update, keeping row ids", async () => {
    const user = userEvent.setup();
    const org = makeCustomer({ id: "org1", kind: "organization", name: "华信科技" });
    const person = makeCustomer({
      id: "p1",
      name: "刘洋",
      company_id: "org1",
      phones: [{ id: "ph1", label: "手机", value: "13800138000" }],
      birthday: { calendar: "lunar", year: 1980, month: 8, leap: false, day: 15 },
    });
    const backend = installBackend([org, person]);
    const { onSaved } = renderForm({ ...person, company_name: "华信科技" });
    expect(screen.getByTestId("field-name")).toHaveValue("刘洋");
    expect(screen.getByTestId("field-birthday-calendar")).toHaveValue("lunar");
    expect(screen.getByTestId("field-company-value")).toHaveTextContent("华信科技");
    await user.clear(screen.getByTestId("field-name"));
    await user.type(screen.getByTestId("field-name"), "刘洋洋");
    await user.click(screen.getByTestId("save-customer"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const call = callsTo(backend, "customers_update").at(-1)!;
    expect(call.id).toBe("p1");
    const input = call.input as CustomerInput;
    expect(input.name).toBe("刘洋洋");
    expect(input.company_id).toBe("org1");
    expect(input.phones).toEqual([{ id: "ph1", label: "手机", value: "13800138000" }]);
    expect(input.birthday).toEqual({ calendar: "lunar", year: 1980, month: 8, leap: false, day: 15 });
  });

  it("picks a company by searching organizations", async () => {
    const user = userEvent.setup();
    const backend = installBackend([
      makeCustomer({ id: "org1", kind: "organization", name: "华信科技" }),
      makeCustomer({ id: "org2", kind: "organization", name: "博远资本" }),
      makeCustomer({ id: "p9", name: "华强" }),
    ]);
    const { onSaved } = renderForm();
    await user.type(screen.getByTestId("field-name"), "马超");
    await user.type(screen.getByTestId("field-company"), "华");
    const listbox = await screen.findByRole("listbox");
    await waitFor(() => expect(within(listbox).getAllByTestId("company-option")).toHaveLength(1));
    await user.click(within(listbox).getByText("华信科技"));
    expect(screen.getByTestId("field-company-value")).toHaveTextContent("华信科技");
    await user.click(screen.getByTestId("save-customer"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sentInput(backend)?.company_id).toBe("org1");
  });
});
