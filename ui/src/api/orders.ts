import { call } from "./client";
import type { Order } from "./bindings/Order";
import type { OrderInput } from "./bindings/OrderInput";
import type { OrderPage } from "./bindings/OrderPage";
import type { Product } from "./bindings/Product";
import type { ProductInput } from "./bindings/ProductInput";
import type { RecordScope } from "./bindings/RecordScope";

export const orders = {
  list(customerId: string, scope: RecordScope, offset: number, limit: number): Promise<OrderPage> {
    return call("orders_list", { customerId, scope, offset, limit });
  },
  get(id: string): Promise<Order> {
    return call("orders_get", { id });
  },
  create(input: OrderInput): Promise<Order> {
    return call("orders_create", { input });
  },
  update(id: string, input: OrderInput): Promise<Order> {
    return call("orders_update", { id, input });
  },
  /** Moves the order to the Trash. */
  delete(id: string): Promise<null> {
    return call("orders_delete", { id });
  },
  restore(id: string): Promise<Order> {
    return call("orders_restore", { id });
  },
};

export const products = {
  list(scope: RecordScope): Promise<Product[]> {
    return call("products_list", { scope });
  },
  create(input: ProductInput): Promise<Product> {
    return call("products_create", { input });
  },
  update(id: string, input: ProductInput): Promise<Product> {
    return call("products_update", { id, input });
  },
  delete(id: string): Promise<null> {
    return call("products_delete", { id });
  },
};
