// Pieces every filter form shares (delivery log, audit log, login events): the time range
// (a preset, or From / To in UTC) and the Apply / Clear buttons. The forms are plain GET
// forms: the filters are the URL, so a view can be shared or bookmarked.
import Link from "next/link";
import type { ReactNode } from "react";
import { toInputValue } from "@/components/delivery-logs/format";
import { TIME_PRESETS } from "@/lib/delivery-logs/filters";
import { filterInputClass } from "./filter-classes";

export { filterInputClass } from "./filter-classes";

export function TimeRangeFields({ preset, from, to }: { preset?: string; from?: Date; to?: Date }) {
  return (
    <>
      <label className="text-xs font-medium text-slate-600">
        Time range
        <select name="preset" defaultValue={preset ?? ""} className={filterInputClass}>
          <option value="">Any time (or From / To)</option>
          {Object.keys(TIME_PRESETS).map((p) => (
            <option key={p} value={p}>
              Last {p.replace("h", " h").replace("d", " d")}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        From (UTC)
        <input type="datetime-local" name="from" defaultValue={toInputValue(from)} className={filterInputClass} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        To (UTC)
        <input type="datetime-local" name="to" defaultValue={toInputValue(to)} className={filterInputClass} />
      </label>
    </>
  );
}

export function FilterActions({ clearHref, className }: { clearHref: string; className: string }) {
  return (
    <div className={`flex items-end gap-2 ${className}`}>
      <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white">
        Apply filters
      </button>
      <Link href={clearHref} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
        Clear
      </Link>
    </div>
  );
}

// Whole class names (Tailwind only generates classes it finds written out).
const GRID = { 4: "md:grid-cols-4", 5: "md:grid-cols-5", 6: "md:grid-cols-6" } as const;
const SPAN = { 4: "md:col-span-4", 5: "md:col-span-5", 6: "md:col-span-6" } as const;

/** A filter form: a labelled GET search form of `columns` columns, its fields, then Apply / Clear. */
export function FilterForm({ label, action, columns, children }: { label: string; action: string; columns: keyof typeof GRID; children: ReactNode }) {
  return (
    <form role="search" aria-label={label} action={action} className={`grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 ${GRID[columns]}`}>
      {children}
      <FilterActions clearHref={action} className={`col-span-2 ${SPAN[columns]}`} />
    </form>
  );
}

/** A labelled choice of one value, the first option meaning "no filter". */
export function SelectFilter({ label, name, value, anyLabel, options }: { label: string; name: string; value?: string; anyLabel: string; options: readonly (readonly [value: string, label: string])[] }) {
  return (
    <label className="text-xs font-medium text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className={filterInputClass}>
        <option value="">{anyLabel}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
