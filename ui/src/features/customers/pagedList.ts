import type { CustomerPage, CustomerSummary } from "../../api";

/** Rows per `customers_list` call as the user scrolls. */
export const PAGE_SIZE = 100;

export type PagedSnapshot = {
  /** null until the first page arrives. */
  total: number | null;
  /** Bumped whenever any page or the total changes (React re-renders on it). */
  version: number;
  error: unknown;
};

type FetchPage = (offset: number, limit: number) => Promise<CustomerPage>;

/**
 * A window onto a long list that loads pages by offset on demand and caches them.
 * The book may hold 100,000 customers: only pages around what is on screen are fetched.
 * After a change (`invalidate`) pages already loaded stay visible until their refetch lands.
 */
export class PagedList {
  private pages = new Map<number, { items: CustomerSummary[]; generation: number }>();
  private inflight = new Map<number, number>();
  private generation = 0;
  private listeners = new Set<() => void>();
  private snapshot: PagedSnapshot = { total: null, version: 0, error: null };
  private range: [number, number] = [0, 0];
  private fetchPage: FetchPage;
  readonly pageSize: number;

  constructor(fetchPage: FetchPage, pageSize = PAGE_SIZE) {
    this.fetchPage = fetchPage;
    this.pageSize = pageSize;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): PagedSnapshot => this.snapshot;

  /** The row at `index`, or undefined while its page is loading. */
  row(index: number): CustomerSummary | undefined {
    const page = this.pages.get(Math.floor(index / this.pageSize));
    return page?.items[index % this.pageSize];
  }

  /** Make sure rows `start`..`end` (inclusive) are loaded or on their way. */
  ensure(start: number, end: number): void {
    this.range = [start, end];
    const first = Math.floor(Math.max(0, start) / this.pageSize);
    const last = Math.floor(Math.max(0, end) / this.pageSize);
    const total = this.snapshot.total;
    for (let page = first; page <= last; page++) {
      if (total !== null && page > 0 && page * this.pageSize >= total) break;
      if (this.pages.get(page)?.generation === this.generation) continue;
      if (this.inflight.get(page) === this.generation) continue;
      void this.load(page);
    }
  }

  /** The data changed: refetch what is on screen now and the rest when it is scrolled to. */
  invalidate(): void {
    this.generation++;
    this.ensure(...this.range);
  }

  retry(): void {
    this.update({ error: null });
    this.invalidate();
  }

  private async load(page: number): Promise<void> {
    const generation = this.generation;
    this.inflight.set(page, generation);
    try {
      const result = await this.fetchPage(page * this.pageSize, this.pageSize);
      if (generation !== this.generation) return;
      this.pages.set(page, { items: result.items, generation });
      this.update({ total: result.total, error: null });
    } catch (error) {
      if (generation === this.generation) this.update({ error });
    } finally {
      if (this.inflight.get(page) === generation) this.inflight.delete(page);
    }
  }

  private update(change: Partial<Omit<PagedSnapshot, "version">>): void {
    this.snapshot = { ...this.snapshot, ...change, version: this.snapshot.version + 1 };
    for (const listener of [...this.listeners]) listener();
  }
}
