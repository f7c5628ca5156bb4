import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";

import { ApiError, app, customers, search, settings, type CustomerInput } from ".";

type Seen = { cmd: string; args: unknown };

function record(answer: unknown = null): Seen[] {
  const seen: Seen[] = [];
  mockIPC((cmd, args) => {
    seen.push({ cmd, args });
    return answer;
  });
  return seen;
}

const input: CustomerInput = {
  kind: "person",
  name: "张伟",
  gender: null,
  title: null,
  company_id: null,
  source: null,
  owner: null,
  tier: "VIP",
  customer_type: null,
  region: null,
  interests: null,
  tags: ["golf"],
  notes: null,
  birthday: { calendar: "lunar", year: null, month: 2, leap: true, day: 15 },
  phones: [{ label: "手机", value: "138 0013 8000" }],
  emails: [],
  addresses: [],
  anniversaries: [],
};

afterEach(() => clearMocks());

describe("api seam: one typed function per Tauri command", () => {
  it.each([
    ["customers.list", () => customers.list("live", 200, 100), "customers_list", { scope: "live", sort: { column: "name", descending: false }, offset: 200, limit: 100 }],
    ["customers.list (trash)", () => customers.list("trash", 0, 50), "customers_list", { scope: "trash", sort: { column: "name", descending: false }, offset: 0, limit: 50 }],
    ["customers.get", () => customers.get("c1"), "customers_get", { id: "c1" }],
    ["customers.create", () => customers.create(input), "customers_create", { input }],
    ["customers.update", () => customers.update("c1", input), "customers_update", { id: "c1", input }],
    ["customers.delete", () => customers.delete("c1"), "customers_delete", { id: "c1" }],
    ["customers.restore", () => customers.restore("c1"), "customers_restore", { id: "c1" }],
    ["customers.purge", () => customers.purge("c1"), "customers_purge", { id: "c1" }],
    ["search.query", () => search.query("zhang", 50), "search_query", { query: "zhang", limit: 50 }],
    [
      "settings.update",
      () => settings.update({ locale: "en", keep_in_tray: true, start_at_login: false }),
      "settings_update",
      { settings: { locale: "en", keep_in_tray: true, start_at_login: false } },
    ],
  ])("%s invokes %s with camelCase args", async (_name, run, cmd, args) => {
    const seen = record();
    await run();
    expect(seen).toEqual([{ cmd, args }]);
  });

  it.each([
    ["customers.emptyTrash", () => customers.emptyTrash(), "customers_empty_trash"],
    ["settings.get", () => settings.get(), "settings_get"],
    ["app.info", () => app.info(), "app_info"],
  ])("%s invokes %s without arguments", async (_name, run, cmd) => {
    const seen = record();
    await run();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.cmd).toBe(cmd);
    expect(seen[0]?.args ?? {}).toEqual({});
  });

  it("never asks for more than 500 rows in one page", async () => {
    const seen = record({ total: 0, offset: 0, items: [] });
    await customers.list("live", 0, 10_000);
    expect(seen[0]?.args).toMatchObject({ limit: 500 });
  });

  it("returns what the command returns", async () => {
    mockIPC(() => ({ total: 3, offset: 0, items: [] }));
    await expect(customers.list("live", 0, 100)).resolves.toEqual({ total: 3, offset: 0, items: [] });
  });

  it("turns an ErrorPayload rejection into an ApiError carrying code and field", async () => {
    mockIPC(() => {
      throw { code: "email_invalid", message: "\"x@\" is not an email address", field: "emails[1]" };
    });
    const error = await customers.create(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "email_invalid", field: "emails[1]", message: "\"x@\" is not an email address" });
  });

  it("keeps field null for errors that are not about a field", async () => {
    mockIPC(() => Promise.reject({ code: "not_found", message: "customer c9 not found", field: null }));
    const error = await customers.get("c9").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "not_found", field: null });
  });

  it("wraps a plain string rejection (Tauri's own errors) as code ipc", async () => {
    mockIPC(() => {
      throw "command customers_list not found";
    });
    const error = await customers.list("live", 0, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "ipc", field: null, message: "command customers_list not found" });
  });
});
