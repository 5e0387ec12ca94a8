/**
 * Plans the reminders due now and queues them, once per channel: every run plans the same notices
 * again (the hourly job, a restart), and the dedup key of each queues it only the first time.
 */
import { beijingDate } from "@/lib/due-dates";
import type { OutboxChannel } from "@/lib/outbox-policy";
import { makeMonth, monthRange } from "@/lib/periods";
import { digestNotice, dueNotices, type Notice } from "@/lib/reminders";
import type { Queryable } from "@/db/client";
import { listDueItems } from "@/db/due-settings";
import { listMonthStatuses, listReturnedMonths, listSubmittedMonths } from "@/db/month-review";
import { getHomeOrganization } from "@/db/organizations";
import { enqueueMessages } from "@/db/outbox";

/** The notices due at `now`: the due-date stages of late or nearly due months, and the week's digest. */
export function planNotices(db: Queryable, now: Date, appUrl: string | null): Notice[] {
  const organization = getHomeOrganization(db);
  const today = beijingDate(now);
  const current = makeMonth(today.year, today.month);
  const items = listDueItems(db, organization.id, now);
  const statuses = listMonthStatuses(db, organization.id, makeMonth(today.year, 1), current);
  const closed = monthRange(makeMonth(today.year, 1), current).slice(0, -1);
  const digest = digestNotice({
    organization,
    now,
    items,
    awaitingReview: listSubmittedMonths(db, organization.id).map((entry) => entry.month),
    returned: listReturnedMonths(db, organization.id, now),
    approved: closed.filter((month) => statuses.get(month) === "approved").length,
    closedMonths: closed.length,
    appUrl,
  });
  return [...dueNotices(organization, items, appUrl), ...(digest ? [digest] : [])];
}

/** Queue the notices for every configured channel; returns how many messages were new. */
export function enqueueNotices(db: Queryable, notices: readonly Notice[], channels: readonly OutboxChannel[], now: Date): number {
  return enqueueMessages(
    db,
    notices.flatMap((notice) =>
      channels.map((channel) => ({ dedupKey: `${notice.key}#${channel}`, channel, kind: notice.kind, subject: notice.subject, body: notice.body })),
    ),
    now,
  );
}
