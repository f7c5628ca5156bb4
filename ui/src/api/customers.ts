import { call } from "./client";
import type { Customer } from "./bindings/Customer";
import type { CustomerInput } from "./bindings/CustomerInput";
import type { CustomerPage } from "./bindings/CustomerPage";
import type { ListScope } from "./bindings/ListScope";
import type { ListSort } from "./bindings/ListSort";
import type { NextStep } from "./bindings/NextStep";

/** Most rows one `customers_list` call returns. */
export const MAX_PAGE = 500;

/** The list's default order: by name (pinyin order for Chinese names). */
export const BY_NAME: ListSort = { column: "name", descending: false };

export const customers = {
  list(scope: ListScope, offset: number, limit: number, sort: ListSort = BY_NAME): Promise<CustomerPage> {
    return call("customers_list", { scope, sort, offset, limit: Math.min(limit, MAX_PAGE) });
  },
  get(id: string): Promise<Customer> {
    return call("customers_get", { id });
  },
  /** The overview's next follow-up (the list column's rule) and open complaints. */
  nextStep(id: string): Promise<NextStep> {
    return call("customers_next_step", { id });
  },
  create(input: CustomerInput): Promise<Customer> {
    return call("customers_create", { input });
  },
  update(id: string, input: CustomerInput): Promise<Customer> {
    return call("customers_update", { id, input });
  },
  /** Moves the customer to the Trash. */
  delete(id: string): Promise<null> {
    return call("customers_delete", { id });
  },
  restore(id: string): Promise<Customer> {
    return call("customers_restore", { id });
  },
  /** Deletes a customer in the Trash for good. */
  purge(id: string): Promise<null> {
    return call("customers_purge", { id });
  },
  /** Returns how many customers were purged. */
  emptyTrash(): Promise<number> {
    return call("customers_empty_trash");
  },
};
