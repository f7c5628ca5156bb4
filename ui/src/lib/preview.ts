// Screenshot previews only: `?preview&view=agenda&agendaView=month&month=2026-10` opens a
// screen directly. In every normal build __PREVIEW_MOCKS__ is false and this returns null.
export function previewParam(name: string): string | null {
  if (!__PREVIEW_MOCKS__ || typeof window === "undefined") return null;
  return new URLSearchParams(window.location.search).get(name);
}
