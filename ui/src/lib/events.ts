// A tiny "the data changed" signal: after any create/update/delete/restore/purge, lists and
// counters drop their caches and fetch again.

type Listener = () => void;
const listeners = new Set<Listener>();

export function onDataChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function notifyDataChanged(): void {
  for (const listener of [...listeners]) listener();
}
