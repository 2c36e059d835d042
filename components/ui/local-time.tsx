"use client";

import { useSyncExternalStore } from "react";
import { relativeTime, utcTitle } from "@/lib/time/relative-time";

const noSubscribe = () => () => {};
/** False while hydrating (the server's text is kept), true afterwards: the viewer's zone is known only in the browser. */
function useInBrowser(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A time in the viewer's time zone (or "3 min ago" with `relative`), with the exact UTC time on hover. */
export function LocalTime({ iso, relative = false }: { iso: string; relative?: boolean }) {
  const inBrowser = useInBrowser();
  const date = new Date(iso);
  const text = !inBrowser ? utcTitle(date) : relative ? relativeTime(date) : localFormat.format(date);
  return (
    <time dateTime={iso} title={utcTitle(date)} data-dynamic="time">
      {text}
    </time>
  );
}
