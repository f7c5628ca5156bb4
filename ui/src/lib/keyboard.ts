import type { KeyboardEvent as ReactKeyboardEvent } from "react";

/** True while focus is in a place that takes typing (so single-key shortcuts stay out). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

/** True while a modal dialog is open: list shortcuts must not act behind it. */
export function isModalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/** Ctrl on Windows/Linux, ⌘ on macOS. */
export function isModKey(event: KeyboardEvent | ReactKeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey;
}
