/**
 * The form fields commentary is typed in: the forms in the browser need only these names, so they
 * live apart from the schemas (lib/comment-schema.ts), which bring zod and are checked on the server.
 */
import type { CommentTopic } from "./records";

/** The form field of a month's brief (saved as the month's "overall" commentary). */
export const BRIEF_FIELD = "brief";

/** The form field of a piece of commentary: "overall", or "cause__KEY" / "next_step__KEY". */
export function commentField(topic: CommentTopic, indicatorKey = ""): string {
  return topic === "overall" ? "overall" : `${topic}__${indicatorKey}`;
}
