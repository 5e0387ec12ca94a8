import { requireUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "基准：空白页" };

/**
 * The benchmark's first baseline: a page with nothing of ours on it, so that the JavaScript any real
 * page ships can be read against what the framework alone costs. (Signed in, like every page.)
 */
export default async function BareBaselinePage() {
  await requireUser();
  return <main className="p-6 text-sm text-slate-600">性能基准对照页：仅框架本身。</main>;
}
