// "Something in this customer's story changed" (an interaction, order or complaint was saved,
// deleted or restored): the timeline, the tabs and the classification fetch again.
type Listener = (customerId: string) => void;
const listeners = new Set<Listener>();

export function onStoryChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function notifyStoryChanged(customerId: string): void {
  for (const listener of [...listeners]) listener(customerId);
}
