// Events the Rust shell emits to the window.
import { listen } from "@tauri-apps/api/event";

import type { BookChange } from "./bindings/BookChange";

/** The app emits `open-agenda` when a reminder notification or the tray item is clicked. */
export const OPEN_AGENDA_EVENT = "open-agenda";

/** The shell emits `app-locked` when the tray's Lock item locked the app. */
export const APP_LOCKED_EVENT = "app-locked";

/**
 * The shell emits `book-changed` after every change to the book — made by this window, by
 * the `fieldbook` CLI on the same file, or by sync — with the kinds of record and the
 * customers it touched (read from the change journal, so nothing is announced by hand).
 */
export const BOOK_CHANGED_EVENT = "book-changed";

type BookListener = (change: BookChange) => void;
const bookListeners = new Set<BookListener>();
/** The one subscription to `book-changed`, while any screen listens; resolves to its stop. */
let subscription: Promise<(() => void) | null> | null = null;

function subscribe() {
  subscription ??= listen<BookChange>(BOOK_CHANGED_EVENT, (event) => {
    for (const listener of [...bookListeners]) listener(event.payload);
  }).catch(() => null); // no backend to listen to (a test without mocked events)
}

function unsubscribe() {
  const stopping = subscription;
  subscription = null;
  // Stopping can fail once the backend is gone (the window closing, a test's mocks cleared):
  // there is nothing left to stop then.
  void stopping?.then((stop) => stop?.()).catch(() => {});
}

/** Tables whose change alters a customer's card, list row or search keys. */
export const CUSTOMER_KINDS = ["customers", "contact_points", "anniversaries", "merges"];
/** Tables of a customer's records (their story, stage and the filters over them). */
export const RECORD_KINDS = ["interactions", "orders", "order_lines", "complaints"];

/** Tables whose change moves a row of the customer list or of search results: the customer
 *  itself, and what its derived columns come from (last contact: interactions and purchases;
 *  next follow-up: interactions and their reminder states), which the journal does not name
 *  as a customer change. */
export const LIST_ROW_KINDS = [...CUSTOMER_KINDS, "interactions", "orders", "reminder_states"];

/** Does `change` touch any of `kinds` (table names: "customers", "interactions" …)? */
export function touches(change: BookChange, ...kinds: string[]): boolean {
  return change.kinds.some((k) => kinds.includes(k));
}

/** Does `change` touch the customer `id` (or too many customers to name)? */
export function touchesCustomer(change: BookChange, id: string): boolean {
  return change.many || change.customer_ids.includes(id);
}

export const events = {
  /** Calls `callback` when the tray locked the app; resolves to a function that stops listening. */
  onAppLocked(callback: () => void): Promise<() => void> {
    return listen(APP_LOCKED_EVENT, () => callback());
  },
  /** Calls `callback` on each `open-agenda`; resolves to a function that stops listening. */
  onOpenAgenda(callback: () => void): Promise<() => void> {
    return listen(OPEN_AGENDA_EVENT, () => callback());
  },
  /** Calls `callback` with each change to the book; returns a function that stops it. */
  onBookChanged(callback: BookListener): () => void {
    bookListeners.add(callback);
    subscribe();
    return () => {
      bookListeners.delete(callback);
      if (bookListeners.size === 0) unsubscribe();
    };
  },
};
