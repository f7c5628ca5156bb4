import type { ErrorPayload } from "../api/bindings/ErrorPayload";
import type { FieldProblem } from "../api/bindings/FieldProblem";

/** Reject a fake command the way the shell does: throw the core's `{code, message, field}`. */
export function fail(code: string, message: string, field: string | null = null): never {
  const payload: ErrorPayload = { code, message, field };
  throw payload;
}

/** Reject with every field problem at once, as the core's validation does; nothing if none. */
export function failAll(problems: FieldProblem[]): void {
  const [first] = problems;
  if (!first) return;
  const message = problems.map((p) => `${p.field}: ${p.message}`).join("; ");
  const payload: ErrorPayload = { ...first, message, ...(problems.length > 1 ? { fields: problems } : {}) };
  throw payload;
}
