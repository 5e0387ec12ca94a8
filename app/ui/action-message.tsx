/** What an action said, green when it did what was asked, red otherwise; read out politely. */
export function ActionMessage({ state }: { state: { status: string; message: string } }) {
  const done = state.status === "done" || state.status === "saved";
  return (
    <p role="status" aria-live="polite" className={`text-sm ${done ? "text-emerald-700" : "text-red-700"}`}>
      {state.message}
    </p>
  );
}
