import { useCallback } from "react";

import { customers } from "../../api";
import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";

/** Move to Trash with an Undo in the toast; errors become error toasts. */
export function useMoveToTrash(onMoved?: (id: string) => void): (target: { id: string; name: string }) => Promise<void> {
  const toast = useToast();
  return useCallback(
    async ({ id, name }) => {
      try {
        await customers.delete(id);
      } catch (error) {
        toast({ message: (t) => errorText(t, error), tone: "error" });
        return;
      }
      onMoved?.(id);
      toast({
        message: (t) => t("toast.deleted", { name }),
        action: {
          label: (t) => t("actions.undo"),
          run: async () => {
            try {
              await customers.restore(id);
              toast({ message: (t) => t("toast.restored", { name }), tone: "success" });
            } catch (error) {
              toast({ message: (t) => errorText(t, error), tone: "error" });
            }
          },
        },
      });
    },
    [toast, onMoved],
  );
}
