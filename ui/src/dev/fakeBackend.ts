// An in-memory stand-in for the Rust core, answering the same IPC commands. Used by the
// component tests and by the screenshot preview (preview-mocks.ts); never by the app itself.
import type { Customer } from "../api/bindings/Customer";
import type { CustomerInput } from "../api/bindings/CustomerInput";
import type { CustomerPage } from "../api/bindings/CustomerPage";
import type { CustomerSummary } from "../api/bindings/CustomerSummary";
import type { ErrorPayload } from "../api/bindings/ErrorPayload";
import type { ListScope } from "../api/bindings/ListScope";
import type { SearchHit } from "../api/bindings/SearchHit";
import type { Settings } from "../api/bindings/Settings";
import { createFakeRecords, type FakeRecords } from "./fakeRecords";

export type Call = { cmd: string; args: Record<string, unknown> };

export type FakeBackend = {
  handle: (cmd: string, args?: Record<string, unknown>) => unknown;
  calls: Call[];
  customers: Map<string, Customer>;
  settings: Settings;
  /** Interactions, orders, products, complaints, timeline and classification. */
  records: FakeRecords;
};

function fail(code: string, message: string, field: string | null = null): never {
  const payload: ErrorPayload = { code, message, field };
  throw payload;
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

export function summarize(c: Customer, all: Map<string, Customer>): CustomerSummary {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    company_name: c.company_id ? (all.get(c.company_id)?.name ?? null) : null,
    tier: c.tier,
    phone: c.phones[0]?.value ?? null,
    email: c.emails[0]?.value ?? null,
    tags: c.tags,
    updated_at: c.updated_at,
    deleted_at: c.deleted_at,
  };
}

const collator = new Intl.Collator("zh-CN");

export function createFakeBackend(seed: Customer[] = [], settings: Settings = { locale: null, keep_in_tray: false, start_at_login: false }): FakeBackend {
  const customers = new Map(seed.map((c) => [c.id, c]));
  const calls: Call[] = [];
  let sorted: Customer[] | null = null;
  const records = createFakeRecords(customers);
  const state: FakeBackend = { handle, calls, customers, settings, records };

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
              .map((m) => summarize(m, customers))
          : [],
    };
  }

  function need(id: unknown): Customer {
    const c = typeof id === "string" ? customers.get(id) : undefined;
    if (!c) fail("not_found", `customer ${String(id)} not found`);
    return c;
  }

  function validate(input: CustomerInput): CustomerInput {
    if (!input.name.trim()) fail("name_empty", "name must not be empty", "name");
    input.emails.forEach((e, i) => {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e.value)) fail("email_invalid", `${e.value} is not an email`, `emails[${i}]`);
    });
    input.phones.forEach((p, i) => {
      if (!/^[\d\s+\-().#/*xX]+$/.test(p.value)) fail("phone_invalid", `${p.value} is not a phone`, `phones[${i}]`);
    });
    return { ...input, name: input.name.trim() };
  }

  function handle(cmd: string, args: Record<string, unknown> = {}): unknown {
    calls.push({ cmd, args });
    const now = new Date().toISOString();
    switch (cmd) {
      case "customers_list": {
        const scope = args.scope as ListScope;
        const offset = Number(args.offset);
        const limit = Math.min(Number(args.limit), 500);
        const rows = bySort().filter((c) =>
          scope === "trash" ? c.deleted_at : !c.deleted_at && (scope !== "organizations" || c.kind === "organization"),
        );
        const page: CustomerPage = {
          total: rows.length,
          offset,
          items: rows.slice(offset, offset + limit).map((c) => summarize(c, customers)),
        };
        return page;
      }
      case "customers_get":
        return full(need(args.id));
      case "customers_create": {
        const input = validate(args.input as CustomerInput);
        const c = makeCustomer(input);
        c.created_at = now;
        c.updated_at = now;
        customers.set(c.id, c);
        records.recordEdit(null, c, now);
        changed();
        return full(c);
      }
      case "customers_update": {
        const old = need(args.id);
        const c: Customer = { ...old, ...validate(args.input as CustomerInput), updated_at: now };
        records.recordEdit(old, c, now);
        customers.set(c.id, c);
        changed();
        return full(c);
      }
      case "customers_delete":
        customers.set(String(args.id), { ...need(args.id), deleted_at: now });
        changed();
        return null;
      case "customers_restore": {
        const c = { ...need(args.id), deleted_at: null };
        customers.set(c.id, c);
        changed();
        return full(c);
      }
      case "customers_purge":
        need(args.id);
        customers.delete(String(args.id));
        changed();
        return null;
      case "customers_empty_trash": {
        const gone = [...customers.values()].filter((c) => c.deleted_at);
        for (const c of gone) customers.delete(c.id);
        changed();
        return gone.length;
      }
      case "search_query": {
        const q = String(args.query).trim().toLowerCase();
        const limit = Number(args.limit);
        // Name matches first (like the real core's ranking), then company, contact and tags.
        const hits: SearchHit[] = bySort()
          .filter((c) => !c.deleted_at)
          .map((c) => summarize(c, customers))
          .map((s) => {
            const inName = s.name.toLowerCase().includes(q);
            const elsewhere = [s.company_name, s.phone, s.email, ...s.tags].some((v) => v?.toLowerCase().includes(q));
            return { ...s, score: inName ? 0 : elsewhere ? 1000 : -1 };
          })
          .filter((h) => h.score >= 0)
          .sort((a, b) => a.score - b.score)
          .slice(0, limit);
        return hits;
      }
      case "settings_get":
        return state.settings;
      case "settings_update":
        state.settings = args.settings as Settings;
        return state.settings;
      case "app_info":
        return { version: "0.1.0", data_dir: "/home/demo/.local/share/fieldbook", device_id: "dev-7f3a9c21" };
      default:
        return records.handle(cmd, args, now);
    }
  }

  return state;
}
