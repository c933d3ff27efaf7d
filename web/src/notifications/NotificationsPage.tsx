// /dashboard/meldingen: the person's notifications (GET /notifications, the same feed a webhook gets), newest first and
// paged (?pagina=), each linked to its contract; the newest ones after the read marker are marked "nieuw", and
// "Alles als gelezen markeren" moves the marker (PUT /notifications/read-marker) to the end of the feed.
import { useEffect, useState } from "react";
import { Link as RouterLink, useSearchParams } from "react-router";
import { Button, Heading1, Heading2, Link, Paragraph } from "@utrecht/component-library-react";
import { api, read, send, type ApiError } from "../api/client";
import type { components } from "../api/ledger";
import { moment } from "../format/moment";
import { useAnswer } from "../shell/useAnswer";
import { Empty, Failure, Loading } from "../shell/States";
import { municipalityNames, nameOf } from "../verification/municipalityNames";
import { notificationLabel } from "./labels";
import { announceUnread, readUnread } from "./unread";
import "./notifications.css";
import { counted } from "../format/dutch";

type Notification = components["schemas"]["NotificationBody"];

const perPage = 20;
/** The feed's largest page; the inbox reads the whole feed to show it newest first (the feed itself runs oldest first). */
const feedLimit = 500;

async function wholeFeed(signal: AbortSignal) {
  const items: Notification[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await read(() => api.GET("/notifications", { params: { query: { limit: feedLimit, ...(after ? { after } : {}) } }, signal }));
    items.push(...page.items);
    after = page.next;
    if (!page.hasMore) return { items: items.reverse(), end: after };
  }
}

export function NotificationsPage() {
  const [search] = useSearchParams();
  const asked = Number(search.get("pagina") ?? "1");
  const [marking, setMarking] = useState(false);
  const [markError, setMarkError] = useState<ApiError | null>(null);

  useEffect(() => {
    document.title = "Meldingen — SROI-dashboard";
  }, []);

  const answer = useAnswer(async (signal) => {
    const [feed, unread, names] = await Promise.all([wholeFeed(signal), readUnread(signal), municipalityNames()]);
    announceUnread(unread);
    return { ...feed, unread, names };
  }, []);

  const markRead = async () => {
    if (!answer.data) return;
    setMarking(true);
    setMarkError(null);
    try {
      const after = await send(() => api.PUT("/notifications/read-marker", { body: { cursor: answer.data!.end } }));
      announceUnread(after?.unread ?? 0);
      answer.reload();
    } catch (failure) {
      setMarkError(failure as ApiError);
    } finally {
      setMarking(false);
    }
  };

  const data = answer.data;
  const pages = data ? Math.max(1, Math.ceil(data.items.length / perPage)) : 1;
  const page = Number.isInteger(asked) && asked >= 1 && asked <= pages ? asked : 1;
  const shown = data ? data.items.slice((page - 1) * perPage, page * perPage) : [];

  return (
    <>
      <Heading1>Meldingen</Heading1>
      <Paragraph appearance="lead">Wat het grootboek u meldt, nieuwste eerst.</Paragraph>
      <div aria-live="polite" aria-busy={answer.loading}>
        {answer.loading && !data && <Loading what="Meldingen worden opgehaald…" />}
        {answer.error && <Failure message={answer.error.message} retry={answer.reload} />}
        {data && (
          <>
            <Paragraph data-ongelezen={data.unread}>
              {data.unread === 0 ? "U heeft geen ongelezen meldingen." : `U heeft ${counted(data.unread, "ongelezen melding", "ongelezen meldingen")}.`}
            </Paragraph>
            {data.unread > 0 && (
              <Button type="button" appearance="secondary-action-button" onClick={markRead} disabled={marking}>
                Alles als gelezen markeren
              </Button>
            )}
            {markError && <Failure message={markError.message} />}
            {data.items.length === 0 ? (
              <Empty>Er zijn nog geen meldingen voor u.</Empty>
            ) : (
              <>
                <Heading2>
                  Meldingen {(page - 1) * perPage + 1}–{(page - 1) * perPage + shown.length} van {data.items.length}
                </Heading2>
                <ol className="sroi-notifications">
                  {shown.map((n, i) => {
                    const fresh = (page - 1) * perPage + i < data.unread;
                    const said: unknown = n.data["reference"];
                    const reference = typeof said === "string" ? said : null;
                    return (
                      <li key={n.id} data-melding={n.id} className={fresh ? "sroi-notification sroi-notification--new" : "sroi-notification"}>
                        <p className="sroi-notification__title">
                          {fresh && <strong className="sroi-new">Nieuw: </strong>}
                          {notificationLabel(n.type)}
                        </p>
                        <p className="sroi-muted">
                          {moment(n.occurredAt)} · {nameOf(data.names, n.municipality)}
                        </p>
                        {n.contractId && (
                          <Link href={`/dashboard/contracten/${n.contractId}`}>
                            Contract {reference ?? n.contractId}
                          </Link>
                        )}
                      </li>
                    );
                  })}
                </ol>
                {pages > 1 && (
                  <nav aria-label="Paginering" className="sroi-paging">
                    {page > 1 ? <RouterLink className="utrecht-link" to={`?pagina=${page - 1}`} rel="prev">Vorige pagina</RouterLink>
                      : <span aria-hidden="true" className="sroi-muted">Vorige pagina</span>}
                    <span>Pagina {page} van {pages}</span>
                    {page < pages ? <RouterLink className="utrecht-link" to={`?pagina=${page + 1}`} rel="next">Volgende pagina</RouterLink>
                      : <span aria-hidden="true" className="sroi-muted">Volgende pagina</span>}
                  </nav>
                )}
              </>
            )}
          </>
        )}
      </div>
    </>
  );
}
