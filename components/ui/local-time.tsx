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

type Props = {
  iso: string;
  relative?: boolean;
  /**
   * The page's clock, for a relative time: the server then writes "3 days ago" from it instead of
   * the UTC time, so the text has its final width before the page's script runs (a table column
   * sized for "3 days ago" does not first take a 23-character timestamp).
   */
  now?: Date;
};

/** A time in the viewer's time zone (or "3 min ago" with `relative`), with the exact UTC time on hover. */
export function LocalTime({ iso, relative = false, now }: Props) {
  const inBrowser = useInBrowser();
  const date = new Date(iso);
  // While hydrating, the text must be the server's: from the server's clock, or the UTC time.
  const text = inBrowser ? (relative ? relativeTime(date) : localFormat.format(date)) : relative && now ? relativeTime(date, now) : utcTitle(date);
  return (
    <time dateTime={iso} title={utcTitle(date)} data-dynamic="time">
      {text}
    </time>
  );
}
