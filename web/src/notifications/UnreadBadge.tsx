// The menu item's text: "Meldingen (3)" with the person's unread count (GET /notifications/unread). It reads on its own
// and never marks the page loaded: the page's own data decides that. A failed count leaves just "Meldingen".
import { useEffect, useState } from "react";
import { onUnread, readUnread } from "./unread";

export function UnreadBadge() {
  const [unread, setUnread] = useState<number | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    readUnread(abort.signal).then(setUnread, () => undefined);
    const stop = onUnread(setUnread);
    return () => {
      abort.abort();
      stop();
    };
  }, []);

  if (!unread) return <>Meldingen</>;
  return (
    <>
      Meldingen <span className="sroi-unread" data-ongelezen={unread}>({unread}<span className="sroi-visually-hidden"> ongelezen</span>)</span>
    </>
  );
}
