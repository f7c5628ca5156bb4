import { useCallback } from "react";

import { useToast, type ToastText } from "../../components/Toast";
import { errorText } from "../../i18n/errors";

/** What the toasts say (functions of `t`, so they follow a language switch while shown). */
type TrashTexts = { deleted: ToastText; restored: ToastText };

/** Move one of a customer's records to the Trash, with Undo (restore) in the toast. */
export function useRecordTrash() {
  const toast = useToast();
  return useCallback(
    async (remove: () => Promise<unknown>, restore: () => Promise<unknown>, texts: TrashTexts) => {
      try {
        await remove();
      } catch (error) {
        toast({ message: (t) => errorText(t, error), tone: "error" });
        return;
      }
      toast({
        message: texts.deleted,
        action: {
          label: (t) => t("actions.undo"),
          run: async () => {
            try {
              await restore();
              toast({ message: texts.restored, tone: "success" });
            } catch (error) {
              toast({ message: (t) => errorText(t, error), tone: "error" });
            }
          },
        },
      });
    },
    [toast],
  );
}
