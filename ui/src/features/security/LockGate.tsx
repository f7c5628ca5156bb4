import { Fragment, useCallback, useEffect, useEffectEvent, useMemo, useState, type ReactNode } from "react";

import { events, security, type SecurityStatus } from "../../api";
import { isModKey } from "../../lib/keyboard";
import { DamagedScreen } from "./DamagedScreen";
import { FirstStartDialog } from "./FirstStartDialog";
import { LockScreen } from "./LockScreen";
import { SecurityContext } from "./securityContext";
import "./security.css";

/** How often idleness is checked; the lock comes at most this late. */
const IDLE_CHECK_MS = 15_000;
const ACTIVITY = ["keydown", "mousedown", "mousemove", "wheel", "touchstart"] as const;

/**
 * Shows the app only while the book is open and unlocked: the lock screen while it is locked
 * (at start, Ctrl+L, the tray, idle minutes), the damaged-book screen when it did not open.
 * Everything inside is mounted afresh after each unlock or restore, so no screen shows data
 * from before.
 */
export function LockGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SecurityStatus | null>(null);
  const [generation, setGeneration] = useState(0);
  const [failed, setFailed] = useState<unknown>(null);
  const [offerDismissed, setOfferDismissed] = useState(false);

  const refresh = useCallback(() => {
    security.status().then(setStatus, setFailed);
  }, []);

  useEffect(refresh, [refresh]);

  const lockNow = useEffectEvent(() => {
    if (status?.state === "open" && status.encrypted) security.lock().then(setStatus, setFailed);
  });

  // Ctrl+L locks from anywhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isModKey(event) && event.key.toLowerCase() === "l") {
        event.preventDefault();
        lockNow();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // The tray's Lock item.
  useEffect(() => {
    let stop: (() => void) | null = null;
    let alive = true;
    events.onAppLocked(refresh).then(
      (unlisten) => (alive ? (stop = unlisten) : unlisten()),
      () => {},
    );
    return () => {
      alive = false;
      stop?.();
    };
  }, [refresh]);

  // Idle lock: only an encrypted, open book, and only when minutes are set.
  const idleMinutes = status?.state === "open" && status.encrypted ? status.lock.idle_minutes : 0;
  useEffect(() => {
    if (idleMinutes <= 0) return;
    let last = Date.now();
    const touch = () => (last = Date.now());
    for (const name of ACTIVITY) window.addEventListener(name, touch, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last >= idleMinutes * 60_000) lockNow();
    }, IDLE_CHECK_MS);
    return () => {
      for (const name of ACTIVITY) window.removeEventListener(name, touch);
      window.clearInterval(timer);
    };
  }, [idleMinutes]);

  const context = useMemo(
    () => ({
      status,
      setStatus,
      reload: () => {
        setGeneration((g) => g + 1);
        refresh();
      },
    }),
    [status, refresh],
  );

  if (!status) {
    return failed ? <DamagedScreen status={null} error={failed} onRestored={refresh} /> : null;
  }
  if (status.state === "damaged") {
    return <DamagedScreen status={status} onRestored={context.reload} />;
  }
  if (status.state === "locked") {
    return (
      <LockScreen
        status={status}
        onUnlocked={(next) => {
          setStatus(next);
          setGeneration((g) => g + 1);
        }}
        onStatus={setStatus}
      />
    );
  }
  return (
    <SecurityContext.Provider value={context}>
      <Fragment key={generation}>{children}</Fragment>
      {status.first_start && !status.encrypted && !offerDismissed && (
        <FirstStartDialog
          onDone={(next) => {
            if (next) setStatus(next);
            setOfferDismissed(true);
          }}
        />
      )}
    </SecurityContext.Provider>
  );
}
