import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it, vi } from "vitest";

import { App } from "../../App";
import { emptyAgenda, makeCustomer, makeOccurrence, type FakeAgenda } from "../../dev/fakeBackend";
import i18n from "../../i18n";
import { addDays, todayIso } from "../../lib/day";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { AgendaScreen } from "./AgendaScreen";
import { MonthView } from "./MonthView";

const today = todayIso();

function agendaWith(fill: (a: FakeAgenda) => void): FakeAgenda {
  const a = emptyAgenda();
  fill(a);
  return a;
}

const birthdayToday = makeOccurrence({
  kind: "birthday",
  date: today,
  customer_id: "p1",
  customer_name: "王芳",
  years: 40,
  title: "Birthday: 王芳 (turns 40)",
  title_zh: "王芳 40 岁生日",
});
const revisitTomorrow = makeOccurrence({
  kind: "revisit",
  date: addDays(today, 1),
  customer_id: "p2",
  customer_name: "Emily Carter",
  title: "Revisit Emily Carter (every 14 days)",
  title_zh: "回访 Emily Carter（每 14 天）",
});
const followUpLate = makeOccurrence({
  kind: "follow_up",
  date: addDays(today, -3),
  customer_id: "p2",
  customer_name: "Emily Carter",
  title: "Follow up with Emily Carter: send the quote",
  title_zh: "跟进 Emily Carter：发送报价",
});
const people = [
  makeCustomer({ id: "p1", name: "王芳", gender: "female", tier: "VIP" }),
  makeCustomer({ id: "p2", name: "Emily Carter", gender: "female", tier: "A" }),
];

function item(key: string) {
  return screen.getAllByTestId("agenda-item").find((el) => el.dataset.key === key)!;
}

describe("agenda list", () => {
  it("shows overdue, today and the next 7 days, each item with its kind, title and customer", async () => {
    installBackend(people, { agenda: agendaWith((a) => (a.occurrences = [birthdayToday, revisitTomorrow, followUpLate])) });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    const overdue = await screen.findByTestId("agenda-overdue");
    expect(within(overdue).getByTestId("agenda-item")).toHaveAttribute("data-key", followUpLate.key);
    expect(within(overdue).getByTestId("agenda-item")).toHaveTextContent("3 days late");
    const todays = screen.getByTestId("agenda-today");
    const row = within(todays).getByTestId("agenda-item");
    expect(row).toHaveAttribute("data-kind", "birthday");
    expect(row).toHaveAttribute("data-status", "open");
    expect(row).toHaveTextContent("Birthday: 王芳 (turns 40)");
    const ahead = screen.getByTestId("agenda-ahead");
    expect(within(ahead).getByTestId("agenda-day")).toHaveAttribute("data-date", addDays(today, 1));
    expect(within(ahead).getByTestId("agenda-item")).toHaveTextContent("in 1 day");
  });

  it("puts a birthday 1–3 days ahead whose reminder day has come under Coming up, not Today, and not in the due count", async () => {
    const soon = makeOccurrence({
      kind: "birthday",
      date: addDays(today, 2),
      customer_id: "p2",
      customer_name: "Emily Carter",
      title: "Birthday: Emily Carter",
      title_zh: "Emily Carter 生日",
    });
    installBackend(people, { agenda: agendaWith((a) => (a.occurrences = [birthdayToday, { ...soon, remind_on: addDays(today, -1) }])) });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    const coming = await screen.findByTestId("agenda-coming-up");
    expect(within(coming).getByRole("heading", { level: 2 })).toHaveTextContent("Coming up");
    expect(within(coming).getByTestId("agenda-item")).toHaveAttribute("data-key", soon.key);
    expect(within(screen.getByTestId("agenda-today")).getAllByTestId("agenda-item").map((el) => el.dataset.key)).toEqual([birthdayToday.key]);
    expect(screen.getByTestId("agenda-due")).toHaveAttribute("data-count", "1");
    expect(i18n.getFixedT("zh-CN")("agenda.sections.comingUp")).toBe("即将到来");
  });

  it("shows the Chinese title and the lunar date of a lunar birthday in zh-CN", async () => {
    await i18n.changeLanguage("zh-CN");
    const lunar = makeOccurrence({
      kind: "lunar_birthday",
      date: today,
      customer_id: "p1",
      customer_name: "王芳",
      title: "Lunar birthday: 王芳",
      title_zh: "王芳 农历生日",
    });
    installBackend(people, { locale: "zh-CN", agenda: agendaWith((a) => (a.occurrences = [lunar])) });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    const row = await screen.findByTestId("agenda-item");
    expect(within(row).getByTestId("agenda-title")).toHaveTextContent("王芳 农历生日");
    expect(within(row).getByTestId("agenda-lunar")).toHaveTextContent(/^农历\S+月\S+$/);
  });

  it("done marks the item done and survives a reload of the list", async () => {
    const user = userEvent.setup();
    const backend = installBackend(people, { agenda: agendaWith((a) => (a.occurrences = [birthdayToday, revisitTomorrow])) });
    const first = renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await screen.findAllByTestId("agenda-item");
    await user.click(within(item(birthdayToday.key)).getByTestId("agenda-done"));
    expect(item(birthdayToday.key)).toHaveAttribute("data-status", "done");
    expect(within(item(birthdayToday.key)).getByTestId("agenda-reopen")).toBeInTheDocument();
    expect(callsTo(backend, "reminders_done")).toEqual([{ key: birthdayToday.key }]);

    first.unmount();
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await waitFor(() => expect(item(birthdayToday.key)).toHaveAttribute("data-status", "done"));
    expect(item(revisitTomorrow.key)).toHaveAttribute("data-status", "open");

    await user.click(within(item(birthdayToday.key)).getByTestId("agenda-reopen"));
    expect(item(birthdayToday.key)).toHaveAttribute("data-status", "open");
    expect(callsTo(backend, "reminders_reopen")).toEqual([{ key: birthdayToday.key }]);
  });

  it.each([
    ["snooze-one-hour", "one_hour"],
    ["snooze-tomorrow", "tomorrow"],
    ["snooze-next-week", "next_week"],
  ])("snooze sends the chosen SnoozeFor (%s → %s)", async (testId, snooze) => {
    const user = userEvent.setup();
    const backend = installBackend(people, { agenda: agendaWith((a) => (a.occurrences = [birthdayToday])) });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    const row = await screen.findByTestId("agenda-item");
    await user.click(within(row).getByTestId("agenda-snooze"));
    await user.click(within(row).getByTestId(testId));
    await waitFor(() => expect(callsTo(backend, "reminders_snooze")).toEqual([{ key: birthdayToday.key, snooze }]));
    expect(screen.getByTestId("agenda-item")).toHaveAttribute("data-status", "snoozed");
    expect(screen.getByTestId("agenda-item")).toHaveTextContent("Snoozed until");
  });

  it("dismiss hides nothing but mutes the item, and Reopen brings it back", async () => {
    const user = userEvent.setup();
    const backend = installBackend(people, { agenda: agendaWith((a) => (a.occurrences = [birthdayToday])) });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await user.click(within(await screen.findByTestId("agenda-item")).getByTestId("agenda-dismiss"));
    expect(screen.getByTestId("agenda-item")).toHaveAttribute("data-status", "dismissed");
    expect(callsTo(backend, "reminders_dismiss")).toEqual([{ key: birthdayToday.key }]);
  });

  it("rolls an optimistic update back when the core refuses, and says why", async () => {
    const user = userEvent.setup();
    installBackend(people, {
      agenda: agendaWith((a) => (a.occurrences = [birthdayToday])),
      override: (cmd) => {
        if (cmd === "reminders_done") throw { code: "storage", message: "disk full", field: null };
        return undefined;
      },
    });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await user.click(within(await screen.findByTestId("agenda-item")).getByTestId("agenda-done"));
    await waitFor(() => expect(screen.getByTestId("agenda-item")).toHaveAttribute("data-status", "open"));
    expect(screen.getByTestId("toast")).toHaveTextContent("The database could not be read or written");
  });

  it("an overdue item marked done leaves the list, and the toast's Undo brings it back", async () => {
    const user = userEvent.setup();
    const backend = installBackend(people, { agenda: agendaWith((a) => (a.occurrences = [followUpLate])) });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    const overdue = await screen.findByTestId("agenda-overdue");
    await user.click(within(overdue).getByTestId("agenda-done"));
    await waitFor(() => expect(screen.queryByTestId("agenda-overdue")).toBeNull());
    expect(screen.getByTestId("toast")).toHaveTextContent("Marked done");
    await user.click(screen.getByTestId("toast-undo"));
    await waitFor(() => expect(screen.getByTestId("agenda-overdue")).toBeInTheDocument());
    expect(callsTo(backend, "reminders_reopen")).toEqual([{ key: followUpLate.key }]);
  });

  it("copies the personalized greeting to the clipboard", async () => {
    const user = userEvent.setup();
    const write = vi.spyOn(navigator.clipboard, "writeText");
    installBackend(people, { agenda: agendaWith((a) => (a.occurrences = [birthdayToday])) });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await user.click(within(await screen.findByTestId("agenda-item")).getByTestId("copy-greeting"));
    const text = "Dear Ms. 王芳, happy birthday and congratulations on turning 40! Wishing you health and every success in the year ahead.";
    await waitFor(() => expect(write).toHaveBeenCalledWith(text));
    expect(screen.getByTestId("toast")).toHaveTextContent("Greeting copied");
  });
});

describe("copy greeting with the user's own template", () => {
  it("fills the template saved in the store's settings", async () => {
    const user = userEvent.setup();
    const write = vi.spyOn(navigator.clipboard, "writeText");
    installBackend(people, {
      agenda: agendaWith((a) => {
        a.occurrences = [birthdayToday];
        a.greetings = { "birthday.en": "Hi {name}, happy {age}th!" };
      }),
    });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await user.click(within(await screen.findByTestId("agenda-item")).getByTestId("copy-greeting"));
    await waitFor(() => expect(write).toHaveBeenCalledWith("Hi 王芳, happy 40th!"));
  });
});

describe("copy greeting when the clipboard refuses", () => {
  it("says so and shows the text to copy by hand", async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new Error("Document is not focused."));
    installBackend(people, { agenda: agendaWith((a) => (a.occurrences = [birthdayToday])) });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await user.click(within(await screen.findByTestId("agenda-item")).getByTestId("copy-greeting"));
    expect(await screen.findByTestId("toast")).toHaveTextContent("The clipboard is not available; copy the text by hand: Dear Ms. 王芳");
  });
});

describe("agenda in the app", () => {
  it("the sidebar badge counts what is due (overdue + today, open), and the customer name opens the customer", async () => {
    const user = userEvent.setup();
    installBackend(people, { agenda: agendaWith((a) => (a.occurrences = [birthdayToday, revisitTomorrow, followUpLate])) });
    renderWithProviders(<App />);
    // The app opens on the agenda; 1 overdue follow-up + 1 birthday today.
    expect(await screen.findByTestId("agenda")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("nav-agenda-count")).toHaveTextContent("2"));
    expect(await screen.findByTestId("agenda-due")).toHaveAttribute("data-count", "2");
    expect(screen.getByTestId("agenda-due")).toHaveTextContent("2 due now: 1 overdue, 1 today");
    await user.click(within(item(birthdayToday.key)).getByTestId("agenda-done"));
    await waitFor(() => expect(screen.getByTestId("nav-agenda-count")).toHaveTextContent("1"));
    expect(screen.getByTestId("agenda-due")).toHaveAttribute("data-count", "1");
    await user.click(within(item(birthdayToday.key)).getByTestId("agenda-customer"));
    expect(await screen.findByTestId("detail-name")).toHaveTextContent("王芳");
    expect(screen.getByTestId("nav-customers")).toHaveAttribute("aria-current", "page");
  });

  it("a crowded day's revisit group counts at its true total in the badge and the agenda alike", async () => {
    // 890 revisits two days late: the fake core, like the real one, sends them as one group line.
    const crowd = Array.from({ length: 890 }, (_, i) =>
      makeOccurrence({ kind: "revisit", date: addDays(today, -2), customer_id: `r${i}`, customer_name: `客户${i}`, title: `Revisit ${i}`, title_zh: `回访 ${i}` }),
    );
    installBackend(people, { agenda: agendaWith((a) => (a.occurrences = [...crowd, followUpLate, birthdayToday])) });
    renderWithProviders(<App />);
    await waitFor(() => expect(screen.getByTestId("nav-agenda-count")).toHaveTextContent("892"));
    expect(await screen.findByTestId("agenda-due")).toHaveAttribute("data-count", "892");
    expect(within(screen.getByTestId("agenda-overdue")).getByText("891")).toBeInTheDocument();
    expect(screen.getByTestId("agenda-due")).toHaveTextContent("892 due now: 891 overdue, 1 today");
  });

  it("the open-agenda event switches back to the agenda screen", async () => {
    const user = userEvent.setup();
    installBackend(people, { agenda: agendaWith((a) => (a.occurrences = [birthdayToday])) });
    renderWithProviders(<App />);
    await user.click(screen.getByTestId("nav-customers"));
    await screen.findAllByTestId("customer-row");
    expect(screen.queryByTestId("agenda")).toBeNull();
    // Let the listener register before the shell emits.
    await waitFor(() => expect(screen.getByTestId("nav-agenda-count")).toHaveTextContent("1"));
    await act(async () => {
      await emit("open-agenda");
    });
    expect(await screen.findByTestId("agenda")).toBeInTheDocument();
    expect(screen.getByTestId("nav-agenda")).toHaveAttribute("aria-current", "page");
  });
});

describe("month view", () => {
  const october = (a: FakeAgenda) => {
    a.occurrences = [
      makeOccurrence({
        kind: "statutory_holiday",
        date: "2026-10-01",
        tag: "CN",
        title: "National Day holiday: 2026-10-01 to 2026-10-07 (7 days off)",
        title_zh: "国庆节放假：2026-10-01 至 2026-10-07，共 7 天",
      }),
      makeOccurrence({ kind: "make_up_workday", date: "2026-10-10", tag: "CN", title: "Make-up workday (National Day)", title_zh: "调休上班（国庆节）" }),
      makeOccurrence({ kind: "festival", date: "2026-10-18", tag: "double_ninth", title: "Double Ninth Festival", title_zh: "重阳节" }),
      makeOccurrence({ ...birthdayToday, date: "2026-10-13", key: "birthday:p1:2026-10-13" }),
    ];
  };
  const cell = (date: string) => screen.getAllByTestId("month-day").find((el) => el.dataset.date === date)!;

  it("the month grid shows 休/班 and lunar day names", async () => {
    await i18n.changeLanguage("zh-CN");
    installBackend(people, { locale: "zh-CN", agenda: agendaWith(october) });
    renderWithProviders(<MonthView initialMonth="2026-10" onOpenCustomer={() => {}} />);
    await waitFor(() => expect(within(cell("2026-10-01")).getByTestId("day-mark")).toHaveTextContent("休"));
    expect(screen.getByTestId("month-title")).toHaveTextContent("2026年10月");
    for (const d of ["2026-10-02", "2026-10-05", "2026-10-07"]) expect(within(cell(d)).getByTestId("day-mark")).toHaveTextContent("休");
    expect(within(cell("2026-10-08")).queryByTestId("day-mark")).toBeNull();
    expect(within(cell("2026-10-10")).getByTestId("day-mark")).toHaveTextContent("班");
    expect(within(cell("2026-10-01")).getByTestId("month-lunar")).toHaveTextContent("国庆节");
    expect(within(cell("2026-10-10")).getByTestId("month-lunar")).toHaveTextContent("九月"); // 九月初一
    expect(within(cell("2026-10-24")).getByTestId("month-lunar")).toHaveTextContent("十五");
    expect(within(cell("2026-10-02")).getByTestId("month-lunar")).toHaveTextContent("廿二");
    expect(within(cell("2026-10-18")).getByTestId("month-lunar")).toHaveTextContent("重阳节");
    expect(cell("2026-10-13")).toHaveTextContent("王芳");
    // The grid starts on the Monday before the 1st (Thursday).
    expect(screen.getAllByTestId("month-day")[0]).toHaveAttribute("data-date", "2026-09-28");
  });

  it("a day with more chips than fit shows '+N', which opens the day with every item", async () => {
    const busy = (a: FakeAgenda) => {
      a.occurrences = Array.from({ length: 5 }, (_, i) =>
        makeOccurrence({ ...birthdayToday, date: "2026-10-20", key: `birthday:p${i}:2026-10-20`, customer_name: `客户${i + 1}` }),
      );
    };
    await i18n.changeLanguage("zh-CN");
    installBackend(people, { locale: "zh-CN", agenda: agendaWith(busy) });
    renderWithProviders(<MonthView initialMonth="2026-10" onOpenCustomer={() => {}} />);
    const more = await waitFor(() => within(cell("2026-10-20")).getByTestId("month-more"));
    expect(within(cell("2026-10-20")).getAllByTestId("month-chip")).toHaveLength(3);
    expect(more).toHaveTextContent("+2");
    await userEvent.click(more);
    expect(cell("2026-10-20")).toHaveAttribute("aria-selected", "true");
    expect(within(screen.getByTestId("month-day-panel")).getAllByTestId("agenda-item")).toHaveLength(5);
  });

  it("uses holidays_list day by day when the shell has it", async () => {
    installBackend(people, {
      agenda: agendaWith((a) => {
        a.holidayDays = [
          { date: "2026-10-09", country: "CN", kind: "off", name_en: "Test", name_zh: "测试", name_local: "测试" },
          { date: "2026-10-11", country: "CN", kind: "make_up_workday", name_en: "Test", name_zh: "测试", name_local: "测试" },
        ];
      }),
    });
    renderWithProviders(<MonthView initialMonth="2026-10" onOpenCustomer={() => {}} />);
    await waitFor(() => expect(within(cell("2026-10-09")).getByTestId("day-mark")).toHaveTextContent("Off"));
    expect(within(cell("2026-10-11")).getByTestId("day-mark")).toHaveTextContent("Work");
    expect(within(cell("2026-10-01")).queryByTestId("day-mark")).toBeNull();
    expect(within(cell("2026-10-10")).queryByTestId("month-lunar")).toBeNull(); // no lunar days in English
  });

  it("the toggle switches between list and month, and the month navigates", async () => {
    const user = userEvent.setup();
    const backend = installBackend(people, { agenda: agendaWith((a) => (a.occurrences = [birthdayToday])) });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await screen.findByTestId("agenda-item");
    await user.click(screen.getByTestId("agenda-view-month"));
    expect(await screen.findByTestId("month")).toBeInTheDocument();
    await waitFor(() => expect(within(cell(today)).getByText("王芳")).toBeInTheDocument());
    const before = callsTo(backend, "agenda_list").length;
    await user.click(screen.getByTestId("month-next"));
    await waitFor(() => expect(callsTo(backend, "agenda_list").length).toBe(before + 1));
    expect(callsTo(backend, "agenda_list").at(-1)!.days).toBeLessThanOrEqual(62);
    await user.click(screen.getByTestId("agenda-view-list"));
    expect(await screen.findByTestId("agenda-today")).toBeInTheDocument();
  });
});

describe("revisit radar", () => {
  const revisit = (id: string, name: string, late: number) =>
    makeOccurrence({ kind: "revisit", date: addDays(today, -late), customer_id: id, customer_name: name, title: `Revisit ${name}`, title_zh: `回访 ${name}` });

  it("lists customers past their cadence, latest first, filterable by tier", async () => {
    const user = userEvent.setup();
    installBackend(people, {
      agenda: agendaWith((a) => {
        a.overdue = [
          { occurrence: revisit("p1", "王芳", 3), tier: "VIP", days_late: 3 },
          { occurrence: revisit("p2", "Emily Carter", 20), tier: "A", days_late: 20 },
          { occurrence: revisit("p3", "李娜", 9), tier: null, days_late: 9 },
        ];
      }),
    });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    const radar = await screen.findByTestId("radar");
    await waitFor(() => expect(within(radar).getAllByTestId("agenda-item")).toHaveLength(3));
    expect(within(radar).getAllByTestId("agenda-item").map((el) => el.textContent)).toEqual([
      expect.stringContaining("20 days late"),
      expect.stringContaining("9 days late"),
      expect.stringContaining("3 days late"),
    ]);
    await user.click(within(radar).getByTestId("radar-filter-VIP"));
    expect(within(radar).getAllByTestId("agenda-item")).toHaveLength(1);
    expect(within(radar).getByTestId("agenda-item")).toHaveTextContent("王芳");
    await user.click(within(radar).getByTestId("radar-filter-none"));
    expect(within(radar).getByTestId("agenda-item")).toHaveTextContent("李娜");
  });
});
