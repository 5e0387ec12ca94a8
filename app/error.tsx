"use client";

import { ErrorPanel } from "./ui/error-panel";

export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} />;
}
