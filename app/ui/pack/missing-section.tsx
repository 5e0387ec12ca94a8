import type { Pack } from "@/lib/pack/model";

/** 四、缺报与数据一致性 */
export function MissingSection({ pack }: { pack: Pack }) {
  const anyMissing = pack.missing.items.length > 0;
  return (
    <section aria-labelledby="missing" className="space-y-2">
      <h2 id="missing" className="text-lg font-semibold">{pack.sections.missing.heading}</h2>
      <div className="text-sm" data-testid="missing-list">
        {anyMissing ? (
          <ul className="list-disc pl-5">
            {pack.missing.items.map((item) => (
              <li key={item.key}>{item.name}：{item.text}</li>
            ))}
          </ul>
        ) : (
          <p className="text-emerald-700">{pack.missing.emptyText}</p>
        )}
      </div>
      <div className="text-sm">
        <p className="font-medium">一致性提醒（{pack.warnings.items.length}）</p>
        {pack.warnings.items.length === 0 ? (
          <p className={anyMissing ? "text-slate-600" : "text-emerald-700"}>{pack.warnings.emptyText}</p>
        ) : (
          <ul className="list-disc pl-5">
            {pack.warnings.items.map((item, index) => (
              <li key={`${item.month}-${index}`}>{item.monthText}：{item.message}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
