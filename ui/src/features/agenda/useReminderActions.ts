import type { TFunction } from "i18next";

import { customers, reminders, type Occurrence, type ReminderState, type SnoozeFor } from "../../api";
import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";
import { currentLocale } from "../../i18n";
import { withState } from "./model";
import { greetingFor, loadTemplates, type TemplateLang } from "./greetings";

export type ReminderAction = { type: "done" } | { type: "dismiss" } | { type: "reopen" } | { type: "snooze"; snooze: SnoozeFor };

/** Replace one occurrence (by key) in whatever list the caller keeps. */
export type Patch = (key: string, change: (o: Occurrence) => Occurrence) => void;

/** A local guess of the snooze's end, shown until the core answers with the real one. */
function guessUntil(snooze: SnoozeFor): string {
  const now = new Date();
  if (snooze === "one_hour") return new Date(now.getTime() + 3_600_000).toISOString();
  const days = snooze === "tomorrow" ? 1 : 7;
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, 9, 0).toISOString();
}

/**
 * Done / dismiss / snooze / reopen, applied at once and rolled back if the core refuses.
 * `undo`: the item will leave the list it is in (Overdue), so a toast offers Undo.
 */
export function useReminderActions(patch: Patch) {
  const toast = useToast();

  const run = async (o: Occurrence, action: ReminderAction, undo = false): Promise<void> => {
    const before = { status: o.status, snoozed_until: o.snoozed_until };
    const optimistic: Pick<ReminderState, "status" | "snoozed_until"> | null =
      action.type === "reopen"
        ? null
        : action.type === "snooze"
          ? { status: "snoozed", snoozed_until: guessUntil(action.snooze) }
          : { status: action.type === "done" ? "done" : "dismissed", snoozed_until: null };
    patch(o.key, (x) => withState(x, optimistic));
    try {
      let state: ReminderState | null = null;
      if (action.type === "done") state = await reminders.done(o.key);
      else if (action.type === "dismiss") state = await reminders.dismiss(o.key);
      else if (action.type === "snooze") state = await reminders.snooze(o.key, action.snooze);
      else await reminders.reopen(o.key);
      patch(o.key, (x) => withState(x, state));
      if (undo && action.type !== "reopen") {
        // The item leaves the list it was in: say what happened and offer the way back.
        const key = action.type === "done" ? "agenda.toast.done" : action.type === "dismiss" ? "agenda.toast.dismissed" : "agenda.toast.snoozed";
        const message = (t: TFunction) => t(key);
        toast({ message, tone: "success", action: { label: (t) => t("actions.undo"), run: () => run(withState(o, state), { type: "reopen" }) } });
      }
    } catch (error) {
      patch(o.key, (x) => withState(x, before));
      toast({ message: (t) => errorText(t, error), tone: "error" });
    }
  };
  return run;
}

/** Put text on the clipboard: the async Clipboard API, else the old copy command. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch (error) {
    // Some webviews refuse the async API (no focus, no permission): fall back to a selection.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = typeof document.execCommand === "function" && document.execCommand("copy");
    area.remove();
    if (!ok) throw error;
  }
}

/** "Copy greeting": the personalized template for the occurrence, on the clipboard. */
export function useCopyGreeting() {
  const toast = useToast();
  return async (o: Occurrence): Promise<void> => {
    const lang: TemplateLang = currentLocale();
    let text: string;
    try {
      const [customer, stored] = await Promise.all([o.customer_id ? customers.get(o.customer_id) : null, loadTemplates()]);
      text = greetingFor(o, customer, lang, stored);
    } catch (error) {
      toast({ message: (t) => t("greetings.copyFailed", { message: errorText(t, error) }), tone: "error" });
      return;
    }
    try {
      await copyText(text);
      toast({ message: (t) => t("greetings.copied", { text }), tone: "success" });
    } catch {
      toast({ message: (t) => t("greetings.clipboardFailed", { text }), tone: "error", duration: 15000 });
    }
  };
}
