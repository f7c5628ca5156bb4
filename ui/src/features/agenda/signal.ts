// "Reminder state changed": the sidebar count and other open views fetch again.
type Listener = () => void;
const listeners = new Set<Listener>();

export function onAgendaChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function notifyAgendaChanged(): void {
  for (const listener of [...listeners]) listener();
}
