/**
 * Next.js calls register() once when a server starts: the one place background work begins
 * (jobs/start.ts). Not in the edge runtime, and not while `next build` collects pages.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServer } = await import("./jobs/start");
  startServer();
  // reminders and the outbox (issue #16)
  (await import("./jobs/scheduler")).startScheduler();
}
