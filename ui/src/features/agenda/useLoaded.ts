import { useCallback, useEffect, useState } from "react";

import { events } from "../../api";

type State<T> = { data: T | null; error: unknown; key: string | null };

/**
 * Load `fetch()` on mount and whenever `deps` change or customer / reminder data changes; `setData`
 * lets optimistic updates patch the loaded value in place. While a new load runs, the last
 * answer stays on screen (`loading` is true).
 */
export function useLoaded<T>(fetch: () => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<State<T>>({ data: null, error: null, key: null });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const key = JSON.stringify([...deps, generation]);

  useEffect(() => {
    let current = true;
    fetch().then(
      (data) => current && setState({ data, error: null, key }),
      (error: unknown) => current && setState({ data: null, error, key }),
    );
    return () => {
      current = false;
    };
    // `key` stands for deps + generation; `fetch` is a fresh closure each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // Customer edits and reminder changes made elsewhere (the radar, settings) show up here too.
  useEffect(() => {
    const off = events.onBookChanged(reload);
    return () => {
      off();
    };
  }, [reload]);

  const setData = useCallback((change: (data: T) => T) => {
    setState((s) => (s.data === null ? s : { ...s, data: change(s.data) }));
  }, []);

  return { data: state.data, error: state.error, loading: state.key !== key, reload, setData };
}
