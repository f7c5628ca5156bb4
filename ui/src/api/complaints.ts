import { call } from "./client";
import type { Complaint } from "./bindings/Complaint";
import type { ComplaintInput } from "./bindings/ComplaintInput";
import type { RecordScope } from "./bindings/RecordScope";

export const complaints = {
  list(customerId: string, scope: RecordScope): Promise<Complaint[]> {
    return call("complaints_list", { customerId, scope });
  },
  create(input: ComplaintInput): Promise<Complaint> {
    return call("complaints_create", { input });
  },
  update(id: string, input: ComplaintInput): Promise<Complaint> {
    return call("complaints_update", { id, input });
  },
  /** Moves the complaint to the Trash. */
  delete(id: string): Promise<null> {
    return call("complaints_delete", { id });
  },
  restore(id: string): Promise<Complaint> {
    return call("complaints_restore", { id });
  },
};
