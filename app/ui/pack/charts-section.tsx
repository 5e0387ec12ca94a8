import type { Pack } from "@/lib/pack/model";
import { NannyChart } from "@/app/ui/charts/nanny-chart";
import { RankChart } from "@/app/ui/charts/rank-chart";

const PRINT_WIDTH = 640;

/** 五、重点图表: the same series the slides chart. */
export function ChartsSection({ pack }: { pack: Pack }) {
  const { nanny, ranks } = pack.charts;
  return (
    <section aria-labelledby="charts" className="space-y-4">
      <h2 id="charts" className="text-lg font-semibold">{pack.sections.charts.heading}</h2>
      {nanny && (
        <div className="pack-chart break-inside-avoid">
          <p className="text-sm font-medium">{nanny.title}</p>
          <NannyChart data={nanny.bars} threshold={nanny.threshold} unit={nanny.unit} width={PRINT_WIDTH} />
        </div>
      )}
      <div className="pack-chart break-inside-avoid">
        <p className="text-sm font-medium">{ranks.title}</p>
        {ranks.rows.length > 0 ? (
          <RankChart rows={ranks.rows} series={ranks.series} rankedUnits={ranks.rankedUnits} width={PRINT_WIDTH} />
        ) : (
          <p className="text-sm text-slate-500">暂无排名数据。</p>
        )}
      </div>
    </section>
  );
}
