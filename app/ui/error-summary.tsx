"use client";

import { useEffect, useRef } from "react";

export type SummaryItem = { field: string; text: string };

/**
 * The GOV.UK error summary: after a refused save, focus moves here; it names every field that needs
 * attention and links to it (the link focuses the field itself, scrolled clear of the sticky bar).
 */
export function ErrorSummary({ title, intro, items, answer }: { title: string; intro?: string; items: SummaryItem[]; answer: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  // every new answer from the server moves focus here, so a screen reader reads the summary at once
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: "start" });
  }, [answer]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      aria-labelledby="error-summary-title"
      data-testid="error-summary"
      className="rounded-md border-2 border-red-600 bg-white px-4 py-3 text-sm outline-none focus:ring-4 focus:ring-amber-300"
    >
      <div role="alert">
        <h2 id="error-summary-title" className="text-base font-semibold text-red-800">{title}</h2>
        {intro && <p className="mt-1 text-slate-700">{intro}</p>}
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {items.map((item) => (
            <li key={item.field}>
              <a
                href={`#${item.field}`}
                onClick={(event) => {
                  const control = document.getElementById(item.field);
                  if (!control) return;
                  event.preventDefault();
                  control.scrollIntoView({ block: "center" });
                  control.focus({ preventScroll: true });
                }}
                className="font-medium text-red-800 underline underline-offset-2 hover:text-red-950"
              >
                {item.text}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
