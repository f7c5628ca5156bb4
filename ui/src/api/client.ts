// The one module that talks to Tauri's IPC. Everything else calls the typed functions in
// src/api/*.ts, which call `call()` here.
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";

import type { Commands } from "./bindings/commands";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { FieldProblem } from "./bindings/FieldProblem";

/** A command's name, as the Rust shell declares it (bindings/commands.ts is generated). */
export type Command = keyof Commands;
export type CommandArgs<K extends Command> = Commands[K]["args"];
export type CommandResult<K extends Command> = Commands[K]["result"];
/** Arguments may be left out only when every one is optional. */
type ArgsParam<K extends Command> = Record<string, never> extends CommandArgs<K> ? [args?: CommandArgs<K>] : [args: CommandArgs<K>];

/** A failed command, carrying the stable `code` the UI translates and the field at fault. */
export class ApiError extends Error {
  readonly code: string;
  readonly field: string | null;
  /** Every failing field, the first being `field`/`code` (one entry when only one fails). */
  readonly fields: FieldProblem[];

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = "ApiError";
    this.code = payload.code;
    this.field = payload.field;
    this.fields =
      payload.fields && payload.fields.length > 0
        ? payload.fields
        : payload.field
          ? [{ field: payload.field, code: payload.code, message: payload.message }]
          : [];
  }
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === "string" &&
    typeof v.message === "string" &&
    (v.field === null || v.field === undefined || typeof v.field === "string")
  );
}

/** Turn whatever `invoke` rejected with into an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isErrorPayload(error)) {
    return new ApiError({ code: error.code, message: error.message, field: error.field ?? null, fields: error.fields });
  }
  // Tauri itself rejects with a plain string (unknown command, bad arguments, no backend).
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ code: "ipc", message, field: null });
}

/** Call a command: its name, arguments and result type are checked against the Rust side. */
export async function call<K extends Command>(command: K, ...args: ArgsParam<K>): Promise<CommandResult<K>> {
  try {
    return await invoke<CommandResult<K>>(command, args[0] as InvokeArgs | undefined);
  } catch (error) {
    throw toApiError(error);
  }
}
