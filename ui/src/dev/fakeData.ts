// The fake core's Data screen: export (files are only recorded, not written), the duplicate
// finder (same phone digits or email only), merge and undo. The real rules live and are
// tested in fieldbook-core (transfer, cleaning).
import { typed } from "./typed";
import type { Command } from "../api/client";
import type { Customer } from "../api/bindings/Customer";
import type { CustomerSummary } from "../api/bindings/CustomerSummary";
import type { DuplicateGroup } from "../api/bindings/DuplicateGroup";
import type { ExportFormat } from "../api/bindings/ExportFormat";
import type { ExportRequest } from "../api/bindings/ExportRequest";
import type { ExportResult } from "../api/bindings/ExportResult";
import type { GroupReason } from "../api/bindings/GroupReason";
import type { MergeRecord } from "../api/bindings/MergeRecord";
import { fail } from "./fail";

const EXT: Record<ExportFormat, string> = { csv: "csv", xlsx: "xlsx", vcard3: "vcf", vcard4: "vcf", ics: "ics", json: "json" };

export type FakeData = {
  handle: (cmd: Command, args: Record<string, unknown>, now: string) => unknown;
  /** Every export "written": path → result. */
  files: Map<string, ExportResult>;
  merges: MergeRecord[];
};

export function createFakeData(
  customers: Map<string, Customer>,
  summarize: (c: Customer) => CustomerSummary,
  /** A customer's live orders (the duplicate finder shows them). */
  orderCount: (customerId: string) => number,
): FakeData {
  const files = new Map<string, ExportResult>();
  const merges: MergeRecord[] = [];
  let nextMerge = 1;
  const live = () => [...customers.values()].filter((c) => !c.deleted_at);

  function duplicates(): DuplicateGroup[] {
    const buckets = new Map<string, { reason: GroupReason["reason"]; value: string; ids: string[] }>();
    const add = (reason: GroupReason["reason"], key: string, value: string, id: string) => {
      const b = buckets.get(`${reason}|${key}`) ?? { reason, value, ids: [] };
      if (!b.ids.includes(id)) b.ids.push(id);
      buckets.set(`${reason}|${key}`, b);
    };
    for (const c of live()) {
      for (const p of c.phones) {
        const digits = p.value.replace(/\D/g, "").replace(/^86(?=1\d{10}$)/, "");
        if (digits.length >= 5) add("same_phone", `${c.kind}:${digits}`, p.value, c.id);
      }
      for (const e of c.emails) add("same_email", `${c.kind}:${e.value.trim().toLowerCase()}`, e.value, c.id);
    }
    const groups: { ids: Set<string>; reasons: GroupReason[] }[] = [];
    for (const b of buckets.values()) {
      if (b.ids.length < 2) continue;
      const reason: GroupReason = { reason: b.reason, value: b.value, customer_ids: b.ids };
      const hit = groups.find((g) => b.ids.some((id) => g.ids.has(id)));
      if (hit) {
        b.ids.forEach((id) => hit.ids.add(id));
        hit.reasons.push(reason);
      } else groups.push({ ids: new Set(b.ids), reasons: [reason] });
    }
    return groups.map((g) => ({
      customers: [...g.ids].map((id) => summarize(customers.get(id)!)),
      order_counts: [...g.ids].map((id) => orderCount(id)),
      reasons: g.reasons,
    }));
  }

  function need(id: string, field: string): Customer {
    const c = customers.get(id);
    if (!c) fail("customer_not_found", `no customer ${id}`, field);
    if (c.deleted_at) fail("customer_in_trash", `customer ${id} is in the Trash`, field);
    return c;
  }

  function handle(cmd: Command, args: Record<string, unknown>, now: string): unknown {
    switch (cmd) {
      case "export_default_path":
        return typed(cmd, `/home/demo/Documents/fieldbook-export-${now.slice(0, 10)}.${EXT[args.format as ExportFormat]}`);
      case "export_run": {
        const request = args.request as ExportRequest;
        const path = String(args.path).trim();
        if (!path || path.endsWith("/")) fail("export_path_invalid", `${path} is not a file path`, "path");
        if (path.startsWith("/missing/")) fail("export_folder_missing", "the folder does not exist", "path");
        const count = request.format === "json" ? live().length * 3 : live().length;
        const result: ExportResult = { format: request.format, path, count, bytes: 1000 + count * 100 };
        files.set(path, result);
        return typed(cmd, result);
      }
      case "cleaning_duplicates": {
        const all = duplicates();
        return typed(cmd, { total: all.length, groups: all.slice(0, Number(args.limit ?? 50)) });
      }
      case "cleaning_merge": {
        const survivor = need(String(args.survivorId), "survivor_id");
        const others = (args.mergedIds as string[]).map((id, i) => need(id, `merged_ids[${i}]`));
        if (others.length === 0) fail("merge_nothing", "choose at least one", "merged_ids");
        if (others.some((o) => o.id === survivor.id)) fail("merge_self", "cannot merge into itself", "merged_ids[0]");
        let phones = survivor.phones;
        for (const o of others) {
          customers.set(o.id, { ...o, deleted_at: now });
          phones = [...phones, ...o.phones.filter((p) => !phones.some((s) => s.value === p.value))];
        }
        customers.set(survivor.id, { ...survivor, phones });
        const m: MergeRecord = {
          id: `merge-${nextMerge++}`,
          survivor_id: survivor.id,
          survivor_name: survivor.name,
          merged_ids: others.map((o) => o.id),
          merged_names: others.map((o) => o.name),
          moved: others.length,
          created_at: now,
          undone_at: null,
        };
        merges.unshift(m);
        return typed(cmd, m);
      }
      case "cleaning_undo_merge": {
        const m = merges.find((x) => x.id === args.mergeId);
        if (!m) fail("not_found", `merge ${String(args.mergeId)} not found`);
        if (m.undone_at) fail("merge_already_undone", "already undone", "merge_id");
        for (const id of m.merged_ids) {
          const c = customers.get(id);
          if (c) customers.set(id, { ...c, deleted_at: null });
        }
        m.undone_at = now;
        return typed(cmd, { ...m });
      }
      case "cleaning_merges":
        return typed(cmd, merges.slice(0, Number(args.limit ?? 50)).map((m) => ({ ...m })));
      case "cleaning_merge_of_customer":
        return typed(cmd, merges.find((m) => !m.undone_at && m.merged_ids.includes(String(args.customerId))) ?? null);
      default:
        throw new Error(`fake backend: unknown command ${cmd}`);
    }
  }

  return { handle, files, merges };
}
