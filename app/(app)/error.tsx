"use client";

import { ErrorPanel } from "@/app/ui/error-panel";

/** Inside the signed-in layout, so the navigation stays usable when one page fails. */
export default function AppPageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} />;
}
