import { call } from "./client";
import type { Interaction } from "./bindings/Interaction";
import type { InteractionInput } from "./bindings/InteractionInput";
import type { InteractionPage } from "./bindings/InteractionPage";
import type { RecordScope } from "./bindings/RecordScope";

export const interactions = {
  list(customerId: string, scope: RecordScope, offset: number, limit: number): Promise<InteractionPage> {
    return call("interactions_list", { customerId, scope, offset, limit });
  },
  create(input: InteractionInput): Promise<Interaction> {
    return call("interactions_create", { input });
  },
  update(id: string, input: InteractionInput): Promise<Interaction> {
    return call("interactions_update", { id, input });
  },
  /** Moves the interaction to the Trash. */
  delete(id: string): Promise<null> {
    return call("interactions_delete", { id });
  },
  restore(id: string): Promise<Interaction> {
    return call("interactions_restore", { id });
  },
};
