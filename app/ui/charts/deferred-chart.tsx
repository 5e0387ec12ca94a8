"use client";

import { Suspense, useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A chart that is drawn first without the chart library (`fallback`, rendered on the server and
 * complete in itself) and becomes the interactive Recharts chart (`children`, loaded on demand)
 * only once the reader uses the page: when it is near the viewport after they have scrolled, or
 * as soon as they point at, touch or tab into it. So nothing the phone shows first waits for the
 * chart library, and a chart far down the page costs nothing until it is scrolled near.
 */

/** Whether the reader has scrolled or touched the page since it was loaded. */
let engaged = false;
const waiting = new Set<() => void>();

function engage() {
  if (engaged) return;
  engaged = true;
  for (const wake of waiting) wake();
  waiting.clear();
  for (const event of ENGAGING_EVENTS) window.removeEventListener(event, engage);
}

const ENGAGING_EVENTS = ["scroll", "wheel", "touchstart", "keydown", "pointerdown"] as const;

function listenForEngagement() {
  if (engaged) return;
  for (const event of ENGAGING_EVENTS) window.addEventListener(event, engage, { passive: true });
}

/** Run when the browser has a moment to spare (Safari has no requestIdleCallback). */
function whenIdle(run: () => void): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(run, { timeout: 1500 });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(run, 50);
  return () => window.clearTimeout(handle);
}

export function DeferredChart({
  chart,
  className,
  maxWidth,
  fallback,
  children,
}: {
  /** Names the chart for tests and styles: data-chart="…". */
  chart: string;
  /** Its height (and width, unless `maxWidth`). */
  className: string;
  /** At most this wide (the review pack's charts), and narrower on a phone. */
  maxWidth?: number;
  fallback: ReactNode;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [interactive, setInteractive] = useState(false);

  useEffect(() => {
    const element = box.current;
    if (!element || interactive) return;
    let near = false;
    let cancelIdle: (() => void) | null = null;
    const upgrade = () => {
      if (cancelIdle) return;
      cancelIdle = whenIdle(() => setInteractive(true));
    };
    const maybeUpgrade = () => {
      if (near && engaged) upgrade();
    };
    const observer = new IntersectionObserver(
      (entries) => {
        near = entries.some((entry) => entry.isIntersecting);
        maybeUpgrade();
      },
      { rootMargin: "400px 0px" },
    );
    observer.observe(element);
    listenForEngagement();
    waiting.add(maybeUpgrade);
    // pointing at, touching or tabbing into the chart asks for its tooltips now
    const direct = ["pointerenter", "touchstart", "focusin"] as const;
    for (const event of direct) element.addEventListener(event, upgrade, { passive: true });
    return () => {
      observer.disconnect();
      waiting.delete(maybeUpgrade);
      for (const event of direct) element.removeEventListener(event, upgrade);
      cancelIdle?.();
    };
  }, [interactive]);

  return (
    <div
      ref={box}
      className={`${className} ${maxWidth ? "w-full" : ""}`}
      style={maxWidth ? { maxWidth } : undefined}
      data-chart={chart}
      data-chart-state={interactive ? "interactive" : "static"}
    >
      {interactive ? (
        <>
          {/* the interactive chart measures the screen; paper gets the static drawing, which fits any width */}
          <div className="h-full print:hidden">
            <Suspense fallback={fallback}>{children}</Suspense>
          </div>
          <div className="hidden h-full print:block">{fallback}</div>
        </>
      ) : (
        // a boundary of its own: React hydrates what the server drew later, in small slices, after
        // the rest of the page (its lane for a server-rendered boundary is "offscreen")
        <Suspense fallback={null}>{fallback}</Suspense>
      )}
    </div>
  );
}
