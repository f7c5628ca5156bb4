import type { HTMLAttributes, KeyboardEvent, ReactNode } from "react";

type Props = {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
  /** A line under the input (what the value is for, where it is kept). */
  hint?: ReactNode;
  type?: "text" | "password";
  placeholder?: string;
  /** Addresses, paths and keys: shown in the monospace font. */
  mono?: boolean;
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  disabled?: boolean;
  onBlur?: () => void;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
  /** Extra class on the field (layout). */
  className?: string;
};

/**
 * One labelled text input with an optional hint: the form field of Settings and dialogs. The
 * label wraps the input, so clicking it focuses the input and screen readers name it. Secrets
 * (`type="password"`) are never offered to the browser's autocomplete.
 */
export function TextField({
  label,
  value,
  onChange,
  testId,
  hint,
  type = "text",
  placeholder,
  mono = false,
  autoComplete,
  inputMode,
  disabled,
  onBlur,
  onKeyDown,
  className,
}: Props) {
  return (
    <label className={className ? `field ${className}` : "field"}>
      <span className="field-label">{label}</span>
      <input
        className={mono ? "input mono" : "input"}
        type={type}
        autoComplete={autoComplete ?? (type === "password" ? "off" : undefined)}
        inputMode={inputMode}
        data-testid={testId}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        onKeyDown={onKeyDown}
      />
      {hint && <span className="muted card-hint">{hint}</span>}
    </label>
  );
}
