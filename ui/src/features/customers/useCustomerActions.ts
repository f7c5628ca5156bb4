import { useCallback } from "react";
import { useTranslation } from "react-i18next";

import { customers } from "../../api";
import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";

/** Move to Trash with an Undo in the toast; errors become error toasts. */
export function useMoveToTrash(onMoved?: (id: string) => void): (target: { id: string; name: string }) => Promise<void> {
  const { t } = useTranslation();
  const toast = useToast();
  return useCallback(
    async ({ id, name }) => {
      try {
        await customers.delete(id);
      } catch (error) {
        toast({ message: errorText(t, error), tone: "error" });
        return;
      }
      onMoved?.(id);
      toast({
        message: t("toast.deleted", { name }),
        action: {
          label: t("actions.undo"),
          run: async () => {
            try {
              await customers.restore(id);
              toast({ message: t("toast.restored", { name }), tone: "success" });
            } catch (error) {
              toast({ message: errorText(t, error), tone: "error" });
            }
          },
        },
      });
    },
    [t, toast, onMoved],
  );
}
