import { describe, expect, it, vi } from "vitest";

import type { CustomerPage, CustomerSummary } from "../../api";
import { PagedList } from "./pagedList";

function row(i: number): CustomerSummary {
  return {
    id: `c${i}`,
    kind: "person",
    name: `n${i}`,
    company_name: null,
    tier: null,
    phone: null,
    email: null,
    tags: [],
    region: null,
    owner: null,
    member_count: 0,
    last_contact_at: null,
    next_follow_up_on: null,
    updated_at: "",
    deleted_at: null,
  };
}

function source(total: number) {
  let version = 0;
  const fetch = vi.fn(async (offset: number, limit: number): Promise<CustomerPage> => ({
    total,
    offset,
    items: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => ({
      ...row(offset + k),
      name: `n${offset + k}v${version}`,
    })),
  }));
  return { fetch, bump: () => version++ };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("PagedList", () => {
  it("fetches only the pages that cover the requested rows", async () => {
    const { fetch } = source(100_000);
    const list = new PagedList(fetch, 100);
    list.ensure(0, 30);
    await settle();
    expect(fetch.mock.calls).toEqual([[0, 100]]);
    list.ensure(250, 320);
    await settle();
    expect(fetch.mock.calls).toEqual([
      [0, 100],
      [200, 100],
      [300, 100],
    ]);
    expect(list.getSnapshot().total).toBe(100_000);
    expect(list.row(305)?.id).toBe("c305");
    expect(list.row(150)).toBeUndefined();
  });

  it("does not ask twice for a page that is loading or loaded", async () => {
    const { fetch } = source(1_000);
    const list = new PagedList(fetch, 100);
    list.ensure(0, 10);
    list.ensure(5, 50);
    await settle();
    list.ensure(20, 90);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("does not ask for pages past the end", async () => {
    const { fetch } = source(150);
    const list = new PagedList(fetch, 100);
    list.ensure(0, 10);
    await settle();
    list.ensure(90, 450);
    await settle();
    expect(fetch.mock.calls).toEqual([
      [0, 100],
      [100, 100],
    ]);
  });

  it("refetches the visible pages after invalidate, keeping old rows until then", async () => {
    const { fetch, bump } = source(1_000);
    const list = new PagedList(fetch, 100);
    list.ensure(0, 10);
    await settle();
    expect(list.row(0)?.name).toBe("n0v0");
    bump();
    list.invalidate();
    expect(list.row(0)?.name).toBe("n0v0");
    await settle();
    expect(list.row(0)?.name).toBe("n0v1");
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("reports errors and retries", async () => {
    const fetch = vi.fn().mockRejectedValueOnce({ code: "storage", message: "locked", field: null });
    fetch.mockResolvedValue({ total: 1, offset: 0, items: [row(0)] });
    const list = new PagedList(fetch, 100);
    const listener = vi.fn();
    list.subscribe(listener);
    list.ensure(0, 0);
    await settle();
    expect(list.getSnapshot().error).toMatchObject({ code: "storage" });
    list.retry();
    await settle();
    expect(list.getSnapshot()).toMatchObject({ total: 1, error: null });
    expect(listener).toHaveBeenCalled();
  });
});
