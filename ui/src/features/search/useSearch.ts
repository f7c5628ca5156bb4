import { useEffect, useState } from "react";

import { search, type SearchHit, events, touches, LIST_ROW_KINDS } from "../../api";
import { useDebounced } from "../../lib/useDebounced";

export const SEARCH_LIMIT = 50;
export const SEARCH_DEBOUNCE_MS = 120;

export type SearchState = {
  /** True while the box has text: results replace the list. */
  active: boolean;
  /** null until the first answer for the current text arrives. */
  hits: SearchHit[] | null;
  pending: boolean;
  error: unknown;
};

type Answer = { query: string; version: number; hits: SearchHit[] | null; error: unknown };

/** Type-ahead search: waits for a 120 ms pause in typing, ignores answers to older text. */
export function useSearch(text: string): SearchState {
  const query = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  const [version, setVersion] = useState(0);
  const [answer, setAnswer] = useState<Answer>({ query: "", version: 0, hits: null, error: null });

  useEffect(
    () =>
      events.onBookChanged((c) => {
        if (touches(c, ...LIST_ROW_KINDS)) setVersion((v) => v + 1);
      }),
    [],
  );

  useEffect(() => {
    if (!query) return;
    let current = true;
    search.query(query, SEARCH_LIMIT).then(
      (hits) => current && setAnswer({ query, version, hits, error: null }),
      (error: unknown) => current && setAnswer({ query, version, hits: null, error }),
    );
    return () => {
      current = false;
    };
  }, [query, version]);

  const active = text.trim().length > 0;
  const fresh = answer.query === query && answer.version === version;
  // Keep showing the previous answer while the next one is on its way (no flicker).
  const hits = answer.query ? answer.hits : null;
  return {
    active,
    hits: active ? hits : null,
    pending: active && (!fresh || query !== text.trim()),
    error: active && fresh ? answer.error : null,
  };
}
