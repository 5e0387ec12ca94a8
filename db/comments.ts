import "server-only";
import { and, desc, eq } from "drizzle-orm";
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

export type CommentInput = { indicatorKey: string; topic: CommentTopic; body: string };

/**
 * Write the pieces of commentary that changed, each with a revision, in one transaction; a blank
 * body removes the piece (it then shows as 待填写). Returns how many changed.
 */
export function saveComments(
  db: Queryable,
  input: { organizationId: number; period: string; entries: readonly CommentInput[]; userId: string; now?: Date },
): number {
  return db.transaction((tx) => {
    const now = input.now ?? new Date();
    const stored = new Map(
      listComments(tx, input.organizationId, input.period).map((comment) => [`${comment.indicatorKey}|${comment.topic}`, comment.body]),
    );
    let changed = 0;
    for (const entry of input.entries) {
      const body = entry.body.trim();
      const old = stored.get(`${entry.indicatorKey}|${entry.topic}`) ?? null;
      if ((old ?? "") === body) continue;
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
      changed += 1;
    }
    return changed;
  });
}
