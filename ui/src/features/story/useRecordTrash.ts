import { useCallback } from "react";
import { useTranslation } from "react-i18next";

import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";
import { notifyStoryChanged } from "./storyEvents";

type TrashTexts = { deleted: string; restored: string };

/** Move one of a customer's records to the Trash, with Undo (restore) in the toast. */
export function useRecordTrash(customerId: string) {
  const { t } = useTranslation();
  const toast = useToast();
  return useCallback(
    async (remove: () => Promise<unknown>, restore: () => Promise<unknown>, texts: TrashTexts) => {
      try {
        await remove();
      } catch (error) {
        toast({ message: errorText(t, error), tone: "error" });
        return;
      }
      notifyStoryChanged(customerId);
      toast({
        message: texts.deleted,
        action: {
          label: t("actions.undo"),
          run: async () => {
            try {
              await restore();
              notifyStoryChanged(customerId);
              toast({ message: texts.restored, tone: "success" });
            } catch (error) {
              toast({ message: errorText(t, error), tone: "error" });
            }
          },
        },
      });
    },
    [customerId, t, toast],
  );
}
