/** Background work starts here, once per server process (Next calls register() at start-up). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // reminders and the outbox (issue #16)
  (await import("./jobs/scheduler")).startScheduler();
}
