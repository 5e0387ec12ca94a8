import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { currentTime } from "@/lib/clock";
import type { CommentTopic } from "@/lib/records";
import type { Queryable } from "./client";
import { commentRevisions, comments, users } from "./schema";

export type StoredComment = {
  indicatorKey: string;
  topic: CommentTopic;
  body: string;
  updatedAt: Date;
  updatedByName: string | null;
};

/** A period's commentary (a month "YYYY-MM" or a quarter "YYYY-Qn"). */
export function listComments(db: Queryable, organizationId: number, period: string): StoredComment[] {
  return db
    .select({
      indicatorKey: comments.indicatorKey,
      topic: comments.topic,
      body: comments.body,
      updatedAt: comments.updatedAt,
      updatedByName: users.name,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.updatedBy))
    .where(and(eq(comments.organizationId, organizationId), eq(comments.period, period)))
    .all();
}

export function listCommentRevisions(db: Queryable, organizationId: number, period: string) {
  return db
    .select({
      id: commentRevisions.id,
      indicatorKey: commentRevisions.indicatorKey,
      topic: commentRevisions.topic,
      oldBody: commentRevisions.oldBody,
      newBody: commentRevisions.newBody,
      changedAt: commentRevisions.changedAt,
      changedByName: users.name,
    })
    .from(commentRevisions)
    .leftJoin(users, eq(users.id, commentRevisions.changedBy))
    .where(and(eq(commentRevisions.organizationId, organizationId), eq(commentRevisions.period, period)))
    .orderBy(desc(commentRevisions.id))
    .all();
}

export type CommentInput = {
  indicatorKey: string;
  topic: CommentTopic;
  body: string;
  /**
   * The text the writer saw before editing (blank when there was none). A body equal to it is left
   * alone; a body that differs from it, where someone else changed the note since, refuses the save.
   * Left out, the body is written as given.
   */
  expected?: string;
};

/** A note the writer changed after someone else had changed it since the writer read it. */
export type CommentConflict = {
  indicatorKey: string;
  topic: CommentTopic;
  mine: string;
  theirs: string;
  changedByName: string | null;
  changedAt: Date | null;
};

/** Someone else changed a note first: nothing of the save is kept. */
export class CommentConflictError extends Error {
  constructor(readonly conflicts: CommentConflict[]) {
    super(`${conflicts.length} 条说明在读取后已被他人修改，未保存任何说明`);
  }
}

const normalized = (text: string) => text.replace(/\r\n/g, "\n").trim();

/** The latest change to one note: who made it, and when. */
function lastChange(db: Queryable, organizationId: number, period: string, indicatorKey: string, topic: CommentTopic) {
  const row = db
    .select({ changedAt: commentRevisions.changedAt, changedByName: users.name })
    .from(commentRevisions)
    .leftJoin(users, eq(users.id, commentRevisions.changedBy))
    .where(
      and(
        eq(commentRevisions.organizationId, organizationId),
        eq(commentRevisions.period, period),
        eq(commentRevisions.indicatorKey, indicatorKey),
        eq(commentRevisions.topic, topic),
      ),
    )
    .orderBy(desc(commentRevisions.id))
    .limit(1)
    .get();
  return { changedByName: row?.changedByName ?? null, changedAt: row?.changedAt ?? null };
}

/**
 * Write the pieces of commentary that changed, each with a revision, in one transaction; a blank
 * body removes the piece (it then shows as 待填写). Returns how many changed. With `expected`, only
 * notes the writer edited are written, and none at all if someone else changed one of those first
 * (CommentConflictError).
 */
export function saveComments(
  db: Queryable,
  input: { organizationId: number; period: string; entries: readonly CommentInput[]; userId: string; now?: Date },
): number {
  return db.transaction((tx) => {
    const now = input.now ?? currentTime();
    const stored = new Map(
      listComments(tx, input.organizationId, input.period).map((comment) => [`${comment.indicatorKey}|${comment.topic}`, comment.body]),
    );
    const writes: { entry: CommentInput; body: string; old: string | null }[] = [];
    const conflicts: CommentConflict[] = [];
    for (const entry of input.entries) {
      const body = normalized(entry.body);
      const seen = entry.expected === undefined ? undefined : normalized(entry.expected);
      const old = stored.get(`${entry.indicatorKey}|${entry.topic}`) ?? null;
      // left as it was shown: never written back, and a note blank then and now is never removed
      if (seen !== undefined && body === seen) continue;
      if ((old ?? "") === body) continue;
      if (seen !== undefined && (old ?? "") !== seen) {
        conflicts.push({
          indicatorKey: entry.indicatorKey,
          topic: entry.topic,
          mine: body,
          theirs: old ?? "",
          ...lastChange(tx, input.organizationId, input.period, entry.indicatorKey, entry.topic),
        });
        continue;
      }
      writes.push({ entry, body, old });
    }
    if (conflicts.length > 0) throw new CommentConflictError(conflicts);

    for (const { entry, body, old } of writes) {
      const key = and(
        eq(comments.organizationId, input.organizationId),
        eq(comments.period, input.period),
        eq(comments.indicatorKey, entry.indicatorKey),
        eq(comments.topic, entry.topic),
      );
      if (body === "") {
        tx.delete(comments).where(key).run();
      } else {
        tx.insert(comments)
          .values({ organizationId: input.organizationId, period: input.period, indicatorKey: entry.indicatorKey, topic: entry.topic, body, updatedBy: input.userId, updatedAt: now })
          .onConflictDoUpdate({
            target: [comments.organizationId, comments.period, comments.indicatorKey, comments.topic],
            set: { body, updatedBy: input.userId, updatedAt: now },
          })
          .run();
      }
      tx.insert(commentRevisions)
        .values({
          organizationId: input.organizationId,
          period: input.period,
          indicatorKey: entry.indicatorKey,
          topic: entry.topic,
          oldBody: old,
          newBody: body === "" ? null : body,
          changedBy: input.userId,
          changedAt: now,
        })
        .run();
    }
    return writes.length;
  });
}
