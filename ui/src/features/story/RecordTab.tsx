import type { ReactNode } from "react";

import { ErrorBanner } from "../../components/ErrorBanner";
import { PlusIcon } from "../../components/Icons";

type RecordTabProps = {
  testId: string;
  /** Left of the head, e.g. a count. */
  summary?: ReactNode;
  newLabel: string;
  newTestId: string;
  onNew: () => void;
  error: unknown;
  onRetry: () => void;
  /** Shown instead of the list when there is nothing yet (null while loading or on error). */
  empty: { title: string; hint: string } | null;
  children: ReactNode;
};

/** The frame of a customer's records tab (orders, complaints): head with a New button, error, empty state. */
export function RecordTab({ testId, summary, newLabel, newTestId, onNew, error, onRetry, empty, children }: RecordTabProps) {
  return (
    <div className="story-tab" data-testid={testId}>
      <div className="story-tab-head">
        {summary ?? <span />}
        <button type="button" className="button button-small button-primary" onClick={onNew} data-testid={newTestId}>
          <PlusIcon size={14} /> {newLabel}
        </button>
      </div>
      {error !== null && error !== undefined && <ErrorBanner error={error} onRetry={onRetry} />}
      {empty && (
        <div className="story-empty">
          <p className="story-empty-title">{empty.title}</p>
          <p className="muted">{empty.hint}</p>
        </div>
      )}
      {children}
    </div>
  );
}
