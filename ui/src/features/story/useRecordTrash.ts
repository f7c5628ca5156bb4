import { useCallback } from "react";
import { useTranslation } from "react-i18next";

import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";

type TrashTexts = { deleted: string; restored: string };

/** Move one of a customer's records to the Trash, with Undo (restore) in the toast. */
export function useRecordTrash() {
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
      toast({
        message: texts.deleted,
        action: {
          label: t("actions.undo"),
          run: async () => {
            try {
              await restore();
              toast({ message: texts.restored, tone: "success" });
            } catch (error) {
              toast({ message: errorText(t, error), tone: "error" });
            }
          },
        },
      });
    },
    [t, toast],
  );
}
