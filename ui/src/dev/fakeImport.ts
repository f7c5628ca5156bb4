// The import side of the fake core, for component tests: files are given as headers and rows
// (no real parsing here; the Rust core's parsers are tested in fieldbook-core), the mapping is
// guessed from a small header table, and a run creates customers through the fake backend.
import type { ColumnMapping } from "../api/bindings/ColumnMapping";
import type { Command } from "../api/client";
import { typed } from "./typed";
import type { DuplicatePolicy } from "../api/bindings/DuplicatePolicy";
import type { Format } from "../api/bindings/Format";
import type { ImportPreview } from "../api/bindings/ImportPreview";
import type { ImportReport } from "../api/bindings/ImportReport";
import type { MappingTemplate } from "../api/bindings/MappingTemplate";
import type { PreviewRow } from "../api/bindings/PreviewRow";
import type { RowError } from "../api/bindings/RowError";
import type { Target } from "../api/bindings/Target";
import { emptyInput, type FakeBackend } from "./fakeBackend";
import { fail } from "./fail";

export type FakeFile = { format?: Format; headers: string[]; rows: string[][] };

export type FakeImport = {
  /** Answers import_* commands; undefined for any other command. */
  handle: (cmd: Command, args: Record<string, unknown>) => unknown;
  templates: MappingTemplate[];
};

const GUESSES: [RegExp, Target, string][] = [
  [/^(姓名|客户名称|name)$/i, "name", ""],
  [/^(手机|mobile)/i, "phone", "mobile"],
  [/^(电话|phone)/i, "phone", ""],
  [/^(邮箱|email)/i, "email", ""],
  [/^(公司|company)/i, "company", ""],
  [/^(生日|birthday)/i, "birthday", ""],
  [/^(标签|tags)/i, "tags", ""],
  [/^(备注|notes)/i, "notes", ""],
];

function guess(headers: string[]): ColumnMapping[] {
  return headers.map((header) => {
    const hit = GUESSES.find(([re]) => re.test(header));
    return { header, target: hit?.[1] ?? "ignore", label: hit?.[2] ?? "" };
  });
}


export function createFakeImport(
  backend: FakeBackend,
  files: Record<string, FakeFile>,
  { holdRun = false }: { holdRun?: boolean } = {},
): FakeImport {
  const templates: MappingTemplate[] = [];
  let cancel: (() => void) | null = null;

  function plan(path: string, given: ColumnMapping[] | null, policy: DuplicatePolicy, strict: boolean) {
    const file = files[path] ?? fail("io", `${path}: no such file`);
    const mapping =
      given && given.map((m) => m.header).join("\u0001") === file.headers.join("\u0001") ? given : guess(file.headers);
    const known = new Set([...backend.customers.values()].flatMap((c) => c.phones.map((p) => p.value.replace(/\D/g, ""))));
    const rows: PreviewRow[] = file.rows.map((cells, i) => {
      const row = i + 2;
      const input = emptyInput();
      let company: string | null = null;
      const warnings: RowError[] = [];
      mapping.forEach((m, c) => {
        const v = (cells[c] ?? "").trim();
        if (!v) return;
        if (m.target === "name") input.name = v;
        if (m.target === "birthday") {
          // As the core does: an unreadable birthday is left out and listed as a warning.
          const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
          if (ymd) {
            input.birthday = { calendar: "gregorian", year: Number(ymd[1]), month: Number(ymd[2]), day: Number(ymd[3]) };
          } else {
            const message = `"${v}" is not a date`;
            warnings.push({ row, column: m.header, field: "birthday", value: v, code: "date_format", message });
          }
        }
        if (m.target === "phone") input.phones.push({ label: m.label, value: v });
        if (m.target === "email") input.emails.push({ label: m.label, value: v });
        if (m.target === "company") company = v;
        if (m.target === "tags") input.tags.push(...v.split(/[,、]/));
        if (m.target === "notes") input.notes = v;
      });
      if (!input.name) {
        const col = mapping.find((m) => m.target === "name")?.header ?? null;
        const error: RowError = { row, column: col, field: "name", value: null, code: "name_empty", message: "name must not be empty" };
        return { row, action: "reject", customer: null, company: null, error, warnings: [], duplicate: null };
      }
      if (strict && warnings.length > 0) {
        // Strict mode, as in the core: the unreadable optional cell rejects its row.
        return { row, action: "reject", customer: null, company: null, error: warnings[0] ?? null, warnings: [], duplicate: null };
      }
      const dup = input.phones.some((p) => known.has(p.value.replace(/\D/g, "")));
      const action = dup && policy !== "create" ? (policy === "skip" ? "skip" : "merge") : "create";
      return { row, action, customer: input, company, error: null, warnings, duplicate: null };
    });
    const count = (a: string) => rows.filter((r) => r.action === a).length;
    const report: ImportReport = {
      file: path.split("/").pop() ?? path,
      format: file.format ?? "csv",
      dry_run: true,
      total_rows: rows.length,
      created: count("create"),
      merged: count("merge"),
      skipped: count("skip"),
      rejected: count("reject"),
      updated_customers: count("merge"),
      organizations_created: 0,
      errors: rows.flatMap((r) => (r.error ? [r.error] : [])),
      warnings: rows.flatMap((r) => (r.action === "skip" ? [] : r.warnings)),
      warning_count: rows.flatMap((r) => (r.action === "skip" ? [] : r.warnings)).length,
      duplicates: [],
      written_at: null,
    };
    return { file, mapping, rows, report };
  }

  function handle(cmd: Command, args: Record<string, unknown>): unknown {
    switch (cmd) {
      case "import_preview": {
        const { file, mapping, rows, report } = plan(
          String(args.path),
          (args.mapping as ColumnMapping[] | null) ?? null,
          args.onDuplicate as DuplicatePolicy,
          args.strict === true,
        );
        const preview: ImportPreview = {
          file: report.file,
          format: report.format,
          detected: { encoding: "UTF-8", sheets: [], sheet: null, header_row: 1 },
          headers: file.headers,
          samples: file.headers.map((_, c) => file.rows.find((r) => r[c])?.[c] ?? ""),
          mapping,
          rows: rows.slice(0, 20),
          report,
        };
        return typed(cmd, preview);
      }
      case "import_run": {
        const { rows, report } = plan(
          String(args.path),
          (args.mapping as ColumnMapping[] | null) ?? null,
          args.onDuplicate as DuplicatePolicy,
          args.strict === true,
        );
        if (report.rejected > 0 && !args.skipInvalid) fail("import_rejected", "rows rejected");
        const write = () => {
          // As the core: one transaction, one time stamped on every customer it writes.
          const writtenAt = new Date().toISOString();
          for (const r of rows) {
            if (r.action !== "create" || !r.customer) continue;
            const created = backend.handle("customers_create", { input: r.customer }) as { id: string };
            const stored = backend.customers.get(created.id);
            if (stored) backend.customers.set(created.id, { ...stored, created_at: writtenAt, updated_at: writtenAt });
          }
          return typed(cmd, { ...report, dry_run: false, written_at: writtenAt });
        };
        if (!holdRun) return write();
        return new Promise((_, reject) => {
          cancel = () => reject({ code: "import_cancelled", message: "import cancelled", field: null });
        });
      }
      case "import_cancel":
        cancel?.();
        cancel = null;
        return typed(cmd, null);
      case "import_templates_list":
        return typed(cmd, templates);
      case "import_templates_save": {
        const t = args.template as MappingTemplate;
        const i = templates.findIndex((x) => x.name === t.name);
        if (i >= 0) templates.splice(i, 1);
        templates.push(t);
        return typed(cmd, [...templates]);
      }
      case "import_templates_delete":
        return typed(cmd, templates.filter((x) => x.name !== args.name));
      default:
        return undefined;
    }
  }

  return { handle, templates };
}
