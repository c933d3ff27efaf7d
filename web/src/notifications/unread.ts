// The unread count, shared by the menu's badge and the inbox: the inbox tells the badge when it marked things read, so
// the menu says the same number as GET /notifications/unread without a reload.
import { api, read } from "../api/client";

const changed = "sroi-meldingen-gelezen";

export const readUnread = (signal?: AbortSignal) =>
  read(() => api.GET("/notifications/unread", signal ? { signal } : {})).then((answer) => answer.unread);

export function announceUnread(unread: number) {
  window.dispatchEvent(new CustomEvent<number>(changed, { detail: unread }));
}

export function onUnread(listener: (unread: number) => void) {
  const handler = (event: Event) => listener((event as CustomEvent<number>).detail);
  window.addEventListener(changed, handler);
  return () => window.removeEventListener(changed, handler);
}
