// An in-memory stand-in for the Rust core, answering the same IPC commands. Used by the
// component tests and by the screenshot preview (preview-mocks.ts); never by the app itself.
import type { Customer } from "../api/bindings/Customer";
import type { CustomerInput } from "../api/bindings/CustomerInput";
import type { CustomerPage } from "../api/bindings/CustomerPage";
import type { CustomerSummary } from "../api/bindings/CustomerSummary";
import type { ListSort } from "../api/bindings/ListSort";
import { listColumns, nextStep, sortRows, type ListColumns } from "./fakeListColumns";
import type { ListScope } from "../api/bindings/ListScope";
import type { SearchHit } from "../api/bindings/SearchHit";
import type { Settings } from "../api/bindings/Settings";
import type { SyncStatus } from "../api/bindings/SyncStatus";
import { createFakeRecords, type FakeRecords } from "./fakeRecords";
import { createFakeSegments, UNHANDLED, type FakeSegments } from "./fakeSegments";
import { reportFromBook } from "./fakeReports";
import type { Report } from "../api/bindings/Report";
import { createFakeData, type FakeData } from "./fakeData";
import { createFakeSecurity, type FakeSecurity } from "./fakeSecurity";
import type { CustomReminder } from "../api/bindings/CustomReminder";
import type { CustomReminderInput } from "../api/bindings/CustomReminderInput";
import type { HolidayCoverage } from "../api/bindings/HolidayCoverage";
import type { HolidayDay } from "../api/bindings/HolidayDay";
import type { Occurrence } from "../api/bindings/Occurrence";
import type { OverdueRevisit } from "../api/bindings/OverdueRevisit";
import type { ReminderSettings } from "../api/bindings/ReminderSettings";
import type { ReminderState } from "../api/bindings/ReminderState";
import type { SnoozeFor } from "../api/bindings/SnoozeFor";
import { fail, failAll } from "./fail";
import type { FieldProblem } from "../api/bindings/FieldProblem";
import { announce, bookChangeOf } from "./fakeEvents";
import type { Command } from "../api/client";
import { typed } from "./typed";

export type Call = { cmd: string; args: Record<string, unknown> };

export type FakeBackend = {
  handle: (cmd: string, args?: Record<string, unknown>) => unknown;
  calls: Call[];
  customers: Map<string, Customer>;
  settings: Settings;
  /** Interactions, orders, products, complaints, timeline and classification. */
  records: FakeRecords;
  agenda: FakeAgenda;
  /** Saved segments, filtering, bulk edit and handover. */
  segments: FakeSegments;
  /** What `reports_get` answers; null: counts from the fake book (see fakeReports.ts). */
  report: Report | null;
  /** Export and data cleaning (the Data screen). */
  data: FakeData;
  /** The lock, the passphrase and the backups. */
  security: FakeSecurity;
};

/** The reminder side of the fake core: occurrences are given, their state is kept here. */
export type FakeAgenda = {
  /** Occurrences as the core computes them (status is attached from `states`). */
  occurrences: Occurrence[];
  /** Past-due revisits (occurrence without state; filtered by `states` when listed). */
  overdue: OverdueRevisit[];
  states: Map<string, ReminderState>;
  settings: ReminderSettings;
  custom: Map<string, CustomReminder>;
  coverage: HolidayCoverage;
  /** Day-by-day holiday calendar for `holidays_list`; null: the command is missing (as today). */
  holidayDays: HolidayDay[] | null;
  /** The user's greeting templates (`kind.lang` → text), as the settings store keeps them. */
  greetings: Record<string, string>;
  /** Customers' own revisit intervals in days. */
  revisitIntervals: Map<string, number>;
};

export function defaultReminderSettings(): ReminderSettings {
  return {
    rules: { feb29: "feb28", leap_month: "leap" },
    lead_days: { birthday: 3, anniversary: 3, festival: 1, holiday: 1, revisit: 0, follow_up: 0, custom: 0 },
    festivals: true,
    statutory_holidays: true,
    countries: [],
    revisit: { vip: 7, a: 14, b: 30, c: 90 },
    notify_at: "09:00",
    quiet_hours: null,
  };
}

export function emptyAgenda(): FakeAgenda {
  return {
    occurrences: [],
    overdue: [],
    states: new Map(),
    settings: defaultReminderSettings(),
    custom: new Map(),
    coverage: { country: "CN", bundled: [2024, 2025, 2026], imported: [], missing: [] },
    holidayDays: null,
    greetings: {},
    revisitIntervals: new Map(),
  };
}

/** YYYY-MM-DD of a local date. */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `iso` plus `n` days. */
export function addDaysIso(iso: string, n: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return isoDay(new Date(y, m - 1, d + n));
}

/** An occurrence with the fields the core fills in, for tests and the preview. */
export function makeOccurrence(
  fields: Partial<Occurrence> & Pick<Occurrence, "kind" | "date" | "title" | "title_zh">,
): Occurrence {
  const source = fields.customer_id ?? fields.tag ?? "x";
  return {
    key: `${fields.kind}:${source}:${fields.date}`,
    remind_on: fields.date,
    customer_id: null,
    customer_name: null,
    years: null,
    tag: null,
    status: null,
    snoozed_until: null,
    ...fields,
  };
}

function snoozedUntil(snooze: SnoozeFor, now: Date, notifyAt: string): string {
  if (snooze === "one_hour") return new Date(now.getTime() + 3600_000).toISOString();
  const [h, m] = notifyAt.split(":").map(Number) as [number, number];
  const days = snooze === "tomorrow" ? 1 : 7;
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, h, m).toISOString();
}

export function emptyInput(): CustomerInput {
  return {
    kind: "person",
    name: "",
    gender: null,
    title: null,
    company_id: null,
    source: null,
    owner: null,
    tier: null,
    customer_type: null,
    region: null,
    interests: null,
    tags: [],
    notes: null,
    birthday: null,
    risk_preference: null,
    phones: [],
    emails: [],
    addresses: [],
    anniversaries: [],
  };
}

let counter = 0;
const STAMP = "2025-03-01T09:30:00Z";

export function makeCustomer(fields: Partial<CustomerInput> & { name: string; id?: string }): Customer {
  counter += 1;
  const { id, ...input } = fields;
  return {
    ...emptyInput(),
    ...input,
    id: id ?? `c${String(counter).padStart(6, "0")}`,
    company_name: null,
    members: [],
    created_at: STAMP,
    updated_at: STAMP,
    deleted_at: null,
  };
}

export function summarize(c: Customer, all: Map<string, Customer>, columns?: ListColumns): CustomerSummary {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    company_name: c.company_id ? (all.get(c.company_id)?.name ?? null) : null,
    tier: c.tier,
    phone: c.phones[0]?.value ?? null,
    email: c.emails[0]?.value ?? null,
    tags: c.tags,
    region: c.region,
    owner: c.owner,
    member_count:
      c.kind === "organization" ? [...all.values()].filter((m) => m.company_id === c.id && !m.deleted_at).length : 0,
    last_contact_at: columns?.last_contact_at ?? null,
    next_follow_up_on: columns?.next_follow_up_on ?? null,
    updated_at: c.updated_at,
    deleted_at: c.deleted_at,
  };
}

const collator = new Intl.Collator("zh-CN");

export function createFakeBackend(
  seed: Customer[] = [],
  settings: Settings = { locale: null, keep_in_tray: false, start_at_login: false },
  agenda: FakeAgenda = emptyAgenda(),
): FakeBackend {
  const customers = new Map(seed.map((c) => [c.id, c]));
  const calls: Call[] = [];
  let sorted: Customer[] | null = null;
  const records = createFakeRecords(customers);
  const segments = createFakeSegments({
    customers,
    sorted: () => bySort(),
    summarize: (c) => sum(c),
    sortRows: (rows, sort) => sortRows(rows, sort, columnsOf),
    recordEdit: (before, after, now) => records.recordEdit(before, after, now),
    changed: () => changed(),
  });
  const data = createFakeData(
    customers,
    (c) => sum(c),
    (id) => [...records.orders.values()].filter((o) => o.customer_id === id && !o.deleted_at).length,
  );
  const security = createFakeSecurity(customers, () => changed());
  const syncStatus: SyncStatus = { place: null, last_synced_at: null, open_conflicts: 0, access_key: null, region: null, every_minutes: 0 };
  const state: FakeBackend = { handle, calls, customers, settings, records, agenda, segments, report: null, data, security };

  const withState = (o: Occurrence): Occurrence => {
    const s = agenda.states.get(o.key);
    return { ...o, status: s?.status ?? null, snoozed_until: s?.snoozed_until ?? null };
  };
  const isOpen = (o: Occurrence) =>
    o.status === null || (o.status === "snoozed" && (!o.snoozed_until || Date.parse(o.snoozed_until) <= Date.now()));
  const knownKey = (key: unknown): string => {
    const k = String(key);
    if (k.split(":").length < 3) fail("reminder_key_invalid", `${JSON.stringify(k)} is not an occurrence key`, "key");
    return k;
  };
  const act = (key: unknown, status: ReminderState["status"], until: string | null = null): ReminderState => {
    const s: ReminderState = { key: knownKey(key), status, snoozed_until: until, acted_at: new Date().toISOString() };
    agenda.states.set(s.key, s);
    return s;
  };
  const customInput = (input: CustomReminderInput): CustomReminderInput => {
    if (!input.title.trim()) fail("title_empty", "a reminder needs a title", "title");
    if (input.until_date && input.until_date < input.start_date) {
      fail("until_before_start", "the end date is before the start", "until_date");
    }
    return input;
  };

  const columnsOf = (c: Customer) => listColumns(records, agenda.states, c.id);
  const sum = (c: Customer) => summarize(c, customers, columnsOf(c));
  const bySort = () => (sorted ??= [...customers.values()].sort((a, b) => collator.compare(a.name, b.name)));
  const changed = () => {
    sorted = null;
  };

  function full(c: Customer): Customer {
    return {
      ...c,
      company_name: c.company_id ? (customers.get(c.company_id)?.name ?? null) : null,
      members:
        c.kind === "organization"
          ? bySort()
              .filter((m) => m.company_id === c.id && !m.deleted_at)
              .map((m) => sum(m))
          : [],
    };
  }

  function need(id: unknown): Customer {
    const c = typeof id === "string" ? customers.get(id) : undefined;
    if (!c) fail("not_found", `customer ${String(id)} not found`);
    return c;
  }

  function validate(input: CustomerInput): CustomerInput {
    // As the core: every failing field in one error, in the core's order.
    const problems: FieldProblem[] = [];
    if (!input.name.trim()) problems.push({ code: "name_empty", message: "name must not be empty", field: "name" });
    input.phones.forEach((p, i) => {
      if (!/^[\d\s+\-().#/*xX]+$/.test(p.value))
        problems.push({ code: "phone_invalid", message: `${p.value} is not a phone`, field: `phones[${i}]` });
    });
    input.emails.forEach((e, i) => {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e.value))
        problems.push({ code: "email_invalid", message: `${e.value} is not an email`, field: `emails[${i}]` });
    });
    failAll(problems);
    return { ...input, name: input.name.trim() };
  }

  /** Answer `cmd`; a write is followed by a `book-changed` event, like the real shell's. */
  function handle(cmd: string, args: Record<string, unknown> = {}): unknown {
    calls.push({ cmd, args });
    const out = answer(cmd as Command, args);
    const change = bookChangeOf(cmd, args, out);
    if (change) announce(change);
    return out;
  }

  function answer(cmd: Command, args: Record<string, unknown>): unknown {
    const now = new Date().toISOString();
    switch (cmd) {
      case "customers_list": {
        const scope = args.scope as ListScope;
        const offset = Number(args.offset);
        const limit = Math.min(Number(args.limit), 500);
        const inScope = bySort().filter((c) =>
          scope === "trash" ? c.deleted_at : !c.deleted_at && (scope !== "organizations" || c.kind === "organization"),
        );
        const rows = scope === "trash" ? inScope : sortRows(inScope, args.sort as ListSort | undefined, columnsOf);
        const page: CustomerPage = {
          total: rows.length,
          offset,
          items: rows.slice(offset, offset + limit).map((c) => sum(c)),
        };
        return typed(cmd, page);
      }
      case "customers_get":
        return typed(cmd, full(need(args.id)));
      case "customers_next_step":
        return typed(cmd, nextStep(records, agenda.states, need(args.id).id));
      case "customers_create": {
        const input = validate(args.input as CustomerInput);
        const c = makeCustomer(input);
        c.created_at = now;
        c.updated_at = now;
        customers.set(c.id, c);
        records.recordEdit(null, c, now);
        changed();
        return typed(cmd, full(c));
      }
      case "customers_update": {
        const old = need(args.id);
        const c: Customer = { ...old, ...validate(args.input as CustomerInput), updated_at: now };
        records.recordEdit(old, c, now);
        customers.set(c.id, c);
        changed();
        return typed(cmd, full(c));
      }
      case "customers_delete":
        customers.set(String(args.id), { ...need(args.id), deleted_at: now });
        changed();
        return typed(cmd, null);
      case "customers_restore": {
        const c = { ...need(args.id), deleted_at: null };
        customers.set(c.id, c);
        changed();
        return typed(cmd, full(c));
      }
      case "customers_purge":
        need(args.id);
        customers.delete(String(args.id));
        changed();
        return typed(cmd, null);
      case "customers_empty_trash": {
        const gone = [...customers.values()].filter((c) => c.deleted_at);
        for (const c of gone) customers.delete(c.id);
        changed();
        return typed(cmd, gone.length);
      }
      case "search_query": {
        const q = String(args.query).trim().toLowerCase();
        const limit = Number(args.limit);
        // Name matches first (like the real core's ranking), then company, contact and tags.
        const hits: SearchHit[] = bySort()
          .filter((c) => !c.deleted_at)
          .map((c) => sum(c))
          .map((s) => {
            const inName = s.name.toLowerCase().includes(q);
            const elsewhere = [s.company_name, s.phone, s.email, ...s.tags].some((v) => v?.toLowerCase().includes(q));
            return { ...s, score: inName ? 0 : elsewhere ? 1000 : -1 };
          })
          .filter((h) => h.score >= 0)
          .sort((a, b) => a.score - b.score)
          .slice(0, limit);
        return typed(cmd, hits);
      }
      case "settings_get":
        return typed(cmd, state.settings);
      case "settings_update":
        state.settings = args.settings as Settings;
        return typed(cmd, state.settings);
      case "agenda_list": {
        const days = Number(args.days);
        if (days > 62) fail("range_too_long", "at most 62 days at a time", "days");
        const from = typeof args.from === "string" ? args.from : isoDay(new Date());
        const to = addDaysIso(from, days - 1);
        return typed(cmd, groupCrowdedDays(agenda.occurrences.filter((o) => o.date >= from && o.date <= to))
          .map(withState)
          .sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key)));
      }
      case "agenda_revisits_on": {
        const day = agenda.occurrences
          .filter((o) => o.kind === "revisit" && o.date === args.date)
          .sort((a, b) => (a.customer_name ?? "").localeCompare(b.customer_name ?? "") || a.key.localeCompare(b.key));
        const offset = Number(args.offset);
        return typed(cmd, { total: day.length, items: day.slice(offset, offset + Math.min(Number(args.limit), 500)).map(withState) });
      }
      case "agenda_overdue_revisits":
        return typed(cmd, agenda.overdue
          .map((r) => ({ ...r, occurrence: withState(r.occurrence) }))
          .filter((r) => isOpen(r.occurrence))
          .sort((a, b) => b.days_late - a.days_late)
          .slice(0, Number(args.limit)));
      case "reminders_done":
        return typed(cmd, act(args.key, "done"));
      case "reminders_dismiss":
        return typed(cmd, act(args.key, "dismissed"));
      case "reminders_reopen":
        agenda.states.delete(knownKey(args.key));
        return typed(cmd, null);
      case "reminders_snooze":
        return typed(cmd, act(args.key, "snoozed", snoozedUntil(args.snooze as SnoozeFor, new Date(), agenda.settings.notify_at)));
      case "reminders_greetings_get":
        return typed(cmd, agenda.greetings);
      case "reminders_greetings_set": {
        const next = args.templates as Record<string, string>;
        const unknown = Object.keys(next).find((k) => !/^(birthday|anniversary|festival|holiday|revisit|other)\.(zh-CN|en)$/.test(k));
        if (unknown) fail("template_unknown", `no greeting occasion ${unknown}`, "templates");
        agenda.greetings = { ...next };
        return typed(cmd, agenda.greetings);
      }
      case "reminders_revisit_interval_get":
        return typed(cmd, agenda.revisitIntervals.get(args.customerId as string) ?? null);
      case "reminders_revisit_interval_set": {
        const days = args.days as number | null;
        if (days !== null && (days < 1 || days > 3650)) fail("interval_invalid", "1 to 3650 days", "interval_days");
        if (days === null) agenda.revisitIntervals.delete(args.customerId as string);
        else agenda.revisitIntervals.set(args.customerId as string, days);
        return typed(cmd, null);
      }
      case "reminders_settings_get":
        return typed(cmd, agenda.settings);
      case "reminders_settings_update": {
        const next = args.settings as ReminderSettings;
        if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(next.notify_at)) fail("time_invalid", "not a time of day", "notify_at");
        if (Object.values(next.lead_days).some((n) => n > 60)) fail("lead_time_too_long", "at most 60 days", "lead_days");
        if (next.quiet_hours && next.quiet_hours.start === next.quiet_hours.end)
          fail("quiet_hours_empty", "quiet hours must start and end at different times", "quiet_hours.end");
        agenda.settings = { ...next, countries: [...new Set(next.countries.map((c) => c.toUpperCase()))] };
        return typed(cmd, agenda.settings);
      }
      case "reminders_custom_list":
        return typed(cmd, [...agenda.custom.values()].filter((r) => !args.customerId || r.customer_id === args.customerId));
      case "reminders_custom_create": {
        const input = customInput(args.input as CustomReminderInput);
        const r: CustomReminder = { ...input, id: `r${agenda.custom.size + 1}`, created_at: now, updated_at: now };
        agenda.custom.set(r.id, r);
        return typed(cmd, r);
      }
      case "reminders_custom_update": {
        const old = agenda.custom.get(String(args.id)) ?? fail("not_found", "no such reminder");
        const r: CustomReminder = { ...old, ...customInput(args.input as CustomReminderInput), updated_at: now };
        agenda.custom.set(r.id, r);
        return typed(cmd, r);
      }
      case "reminders_custom_delete":
        agenda.custom.delete(String(args.id));
        return typed(cmd, null);
      case "holidays_coverage":
        return typed(cmd, agenda.coverage);
      case "holidays_import": {
        let file: { schema?: unknown; country?: unknown; year?: unknown };
        try {
          file = JSON.parse(String(args.json)) as typeof file;
        } catch {
          fail("holiday_file_invalid", "not a holiday data file", "holiday_file");
        }
        if (file.schema !== 1 || file.country !== "CN" || typeof file.year !== "number") {
          fail("holiday_file_invalid", "not a CN holiday data file", "holiday_file");
        }
        const year = file.year;
        const c = agenda.coverage;
        agenda.coverage = {
          ...c,
          imported: [...new Set([...c.imported, year])].sort(),
          missing: c.missing.filter((y) => y !== year),
        };
        return typed(cmd, agenda.coverage);
      }
      case "holidays_list": {
        if (!agenda.holidayDays) throw "command holidays_list not found";
        const from = String(args.from);
        const to = String(args.to);
        return typed(cmd, agenda.holidayDays.filter((d) => d.country === args.country && d.date >= from && d.date <= to));
      }
      case "reports_get":
        return typed(cmd, state.report ?? reportFromBook(customers, isoDay(new Date())));
      case "sync_status":
        return typed(cmd, {
          status: { ...syncStatus },
          passphrase_known: false,
          secret_known: false,
        });
      case "sync_set_interval":
        syncStatus.every_minutes = Number(args.minutes);
        return typed(cmd, { ...syncStatus });
      case "sync_conflicts":
        return typed(cmd, []);
      case "app_info":
        return typed(cmd, { version: "0.1.0", data_dir: "/home/demo/.local/share/fieldbook", device_id: "dev-7f3a9c21" });
      default: {
        if (cmd.startsWith("security_") || cmd.startsWith("backups_")) return security.handle(cmd, args);
        if (cmd.startsWith("export_") || cmd.startsWith("cleaning_")) {
          const out = data.handle(cmd, args, now);
          changed();
          return out;
        }
        const answer = segments.handle(cmd, args, now);
        return answer === UNHANDLED ? records.handle(cmd, args, now) : answer;
      }
    }
  }

  return state;
}

/** As the core's agenda: a day with more than 30 revisits is one `revisit_group` line with their count. */
function groupCrowdedDays(items: Occurrence[]): Occurrence[] {
  const perDay = new Map<string, number>();
  for (const o of items) if (o.kind === "revisit") perDay.set(o.date, (perDay.get(o.date) ?? 0) + 1);
  const out = items.filter((o) => o.kind !== "revisit" || (perDay.get(o.date) ?? 0) <= AGENDA_REVISITS_PER_DAY);
  for (const [date, count] of perDay) {
    if (count <= AGENDA_REVISITS_PER_DAY) continue;
    const shown = count.toLocaleString("en");
    out.push({
      key: `revisit_group:all:${date}`,
      date,
      remind_on: date,
      kind: "revisit_group",
      customer_id: null,
      customer_name: null,
      title: `${shown} customers due for a revisit`,
      title_zh: `${shown} 位客户到期回访`,
      years: null,
      tag: null,
      status: null,
      snoozed_until: null,
      count,
    });
  }
  return out;
}

/** The core's `AGENDA_REVISITS_PER_DAY`. */
export const AGENDA_REVISITS_PER_DAY = 30;
