/** Review commentary: one overall analysis per quarter, and a cause and a next step per red indicator. */
import type { CommentTopic } from "./records";
import { multiLineText } from "./text";

export const MAX_COMMENT_LENGTH = 2000;
/** A 总体分析 or a month's brief: longer, since it is drafted from every indicator. */
export const MAX_ANALYSIS_LENGTH = 5000;

const bodySchema = multiLineText("说明", { max: MAX_COMMENT_LENGTH });
export const analysisSchema = multiLineText("总体分析", { max: MAX_ANALYSIS_LENGTH });
export const briefSchema = multiLineText("简报", { max: MAX_ANALYSIS_LENGTH });
export type ParsedComments =
  | { ok: true; entries: { indicatorKey: string; topic: CommentTopic; body: string }[] }
  | { ok: false; fieldErrors: Record<string, string[]> };

/** Read the commentary fields a form carries, for indicators the catalog knows; too-long ones are refused. */
export function parseComments(input: Readonly<Record<string, string>>, indicatorKeys: ReadonlySet<string>): ParsedComments {
  const entries: { indicatorKey: string; topic: CommentTopic; body: string }[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const [name, raw] of Object.entries(input)) {
    const match = /^(overall)$|^(cause|next_step)__(.+)$/.exec(name);
    if (!match) continue;
    const topic: CommentTopic = match[1] ? "overall" : match[2] === "cause" ? "cause" : "next_step";
    const indicatorKey = match[3] ?? "";
    if (topic !== "overall" && !indicatorKeys.has(indicatorKey)) continue;
    const parsed = (topic === "overall" ? analysisSchema : bodySchema).safeParse(raw);
    if (!parsed.success) {
      fieldErrors[name] = parsed.error.issues.map((issue) => issue.message);
      continue;
    }
    entries.push({ indicatorKey, topic, body: parsed.data });
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, entries };
}
