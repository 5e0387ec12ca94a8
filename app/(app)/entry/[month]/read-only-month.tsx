import Link from "@/app/ui/link";
import { DemoTag } from "@/app/ui/demo-banner";
import type { EntryCategoryView } from "./entry-state";
import { FieldHistory } from "./field-history";

/** The period's figures for someone who may not change them (a viewer, or anyone in a locked month), below the reason why. */
export function ReadOnlyMonth({ reason, categories }: { reason: string; categories: EntryCategoryView[] }) {
  return (
    <>
      <p className="rounded-md border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800">{reason}</p>
      <div className="space-y-4" data-testid="read-only-month">
        {categories.map(({ category, fields }) => (
          <section key={category} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="text-base font-semibold text-slate-800">{category}</h2>
            <dl className="divide-y divide-slate-100">
              {fields.map((field) => (
                <div key={field.key} data-field={field.key} className="grid gap-1 py-2 sm:grid-cols-[minmax(0,1fr)_12rem]" style={{ paddingLeft: `${field.depth * 1.25}rem` }}>
                  <dt className="text-sm text-slate-700">
                    {field.depth > 0 && <span className="mr-1 text-slate-500">└</span>}
                    <Link href={field.historyHref} className="hover:underline">{field.name}</Link>
                    {field.demo && <DemoTag />}
                    <p className="text-xs text-slate-500">{field.previousText}</p>
                  </dt>
                  <dd className="text-right text-sm tabular-nums sm:text-base">
                    {field.currentText ?? <span className="text-slate-500">未填报</span>}
                    <FieldHistory items={field.history} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </>
  );
}
