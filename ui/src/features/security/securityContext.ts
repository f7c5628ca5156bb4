import { createContext, useContext } from "react";

import type { SecurityStatus } from "../../api";

/** The book's state as the lock gate knows it, for Settings → Security and Backups. */
export type SecurityContextValue = {
  status: SecurityStatus | null;
  /** Take a new status (after a passphrase or lock setting changed). */
  setStatus: (status: SecurityStatus) => void;
  /** Show everything afresh: the book was replaced (a restore). */
  reload: () => void;
};

export const SecurityContext = createContext<SecurityContextValue>({
  status: null,
  setStatus: () => {},
  reload: () => {},
});

export const useSecurity = () => useContext(SecurityContext);
