import { notFound, redirect } from "next/navigation";
import { commentField } from "@/lib/comment-field";
import { formatDateTime } from "@/lib/format";
import { formatQuarter, isQuarter, monthOfDate, quarterOf } from "@/lib/periods";
import { can } from "@/lib/roles";
import { textDiff } from "@/lib/text-diff";
import { listCatalog } from "@/db/catalog";
import { getDb } from "@/db/client";
import { listCommentRevisions, listComments } from "@/db/comments";
import { loadPack } from "@/db/pack";
import { pageUnit, UNIT_PARAM } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { cspNonce } from "@/app/_lib/nonce";
import { ChartsSection } from "@/app/ui/pack/charts-section";
import { IndicatorTable } from "@/app/ui/pack/indicator-table";
import { MissingSection } from "@/app/ui/pack/missing-section";
import { OverviewSection } from "@/app/ui/pack/overview-section";
import { PackHeader, PackToolbar } from "@/app/ui/pack/pack-header";
import { RedSection } from "@/app/ui/pack/red-section";
import { CommentaryForm } from "./commentary-form";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ quarter: string }> }) {
  const { quarter } = await params;
  return { title: isQuarter(quarter) ? `${formatQuarter(quarter)}工作推进会材料` : "季度材料" };
}

const TOPIC_NAMES = { overall: "总体分析", cause: "原因", next_step: "下步措施" } as const;

/** The quarterly review pack: the pack is built once (db/pack.ts) and each section lays out its part. */
export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ quarter: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const { quarter } = await params;
  // "2024-q1" is what people type: send them to the one spelling
  const upper = quarter.toUpperCase();
  if (upper !== quarter && isQuarter(upper)) redirect(`/review/${upper}`);
  if (!isQuarter(quarter)) notFound();
  const db = getDb();
  // the district's pack by default; a town's with ?unit= (a town's staff: always their own)
  const organization = pageUnit(user, (await searchParams)[UNIT_PARAM]).unit;
  const unitId = organization.kind === "home" ? undefined : organization.id;
  const pack = loadPack(db, { organizationId: organization.id, quarter });
  const stored = listComments(db, organization.id, quarter);
  const history = listCommentRevisions(db, organization.id, quarter);
  const names = new Map(listCatalog(db).map((indicator) => [indicator.key, indicator.name]));
  const nonce = await cspNonce();
  const saved = pack.overall.saved ? pack.overall.text : null;

  return (
    <div className="review-pack mx-auto max-w-[210mm] space-y-6 bg-white p-4 shadow-sm sm:p-8 print:max-w-none print:p-0 print:shadow-none">
      {/* the running header of every printed page */}
      <style nonce={nonce}>{`@page { @top-center { content: "${cssString(`${pack.organization.name} · ${pack.title}${pack.draft ? "（草稿）" : ""}`)}"; } }`}</style>
      <PackToolbar quarter={quarter} latest={quarterOf(monthOfDate(pack.generatedAt))} unitQuery={unitId === undefined ? "" : `?${UNIT_PARAM}=${unitId}`} />
      <PackHeader pack={pack} />
      <OverviewSection pack={pack} />
      <IndicatorTable pack={pack} />
      <RedSection pack={pack}>
        {can(user.role, "comments:write") ? (
          <CommentaryForm
            quarter={quarter}
            unitId={unitId}
            red={pack.red.map((item) => ({ key: item.key, name: item.name, summary: item.target.summary }))}
            initial={Object.fromEntries(stored.map((comment) => [commentField(comment.topic, comment.indicatorKey), comment.body]))}
            drafted={{ text: pack.overall.drafted, diff: saved === null ? null : textDiff(saved, pack.overall.drafted), draftedAt: formatDateTime(pack.generatedAt) }}
          />
        ) : (
          <p className="text-xs text-slate-500 print:hidden">说明由工作人员填写。</p>
        )}
        {history.length > 0 && (
          <details className="text-xs text-slate-600 print:hidden">
            <summary className="cursor-pointer">说明的修订记录（{history.length}）</summary>
            <ul className="mt-1 space-y-0.5">
              {history.map((entry) => (
                <li key={entry.id}>
                  {formatDateTime(entry.changedAt)} {entry.changedByName ?? "—"}：
                  {entry.indicatorKey ? `${names.get(entry.indicatorKey) ?? entry.indicatorKey}的` : ""}
                  {TOPIC_NAMES[entry.topic]}
                  {entry.newBody === null ? " 清空" : " 更新"}
                </li>
              ))}
            </ul>
          </details>
        )}
      </RedSection>
      <MissingSection pack={pack} />
      <ChartsSection pack={pack} />
    </div>
  );
}

/** A CSS string literal's content: quotes and backslashes escaped, no line breaks. */
function cssString(text: string): string {
  return text.replace(/[\\"]/g, (char) => `\\${char}`).replace(/[\r\n<>]/g, " ");
}
