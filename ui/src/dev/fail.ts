import type { ErrorPayload } from "../api/bindings/ErrorPayload";

/** Reject a fake command the way the shell does: throw the core's `{code, message, field}`. */
export function fail(code: string, message: string, field: string | null = null): never {
  const payload: ErrorPayload = { code, message, field };
  throw payload;
}
