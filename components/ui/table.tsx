// One table look for every list in the portal: a bordered card that scrolls sideways on its
// own (never the page), a sticky-free compact header, and cell padding in one place.
type Children = { children: React.ReactNode; className?: string };

export function Table({ caption, children, className = "" }: Children & { caption: string }) {
  return (
    // Focusable and named, so a keyboard user can scroll a wide table sideways (axe:
    // scrollable-region-focusable); relative, so its sr-only cells are clipped with it, not the page.
    <div role="region" aria-label={caption} tabIndex={0} className={`relative overflow-x-auto rounded-lg border border-slate-200 bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${className}`}>
      <table className="data-table min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function TableHead({ children }: Children) {
  return (
    <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
      <tr>{children}</tr>
    </thead>
  );
}

export function TableBody({ children }: Children) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

type HeaderProps = Children & { "aria-sort"?: "ascending" | "descending"; srOnly?: boolean };

export function Th({ children, className = "", srOnly, ...rest }: HeaderProps) {
  return (
    <th scope="col" className={className || undefined} aria-sort={rest["aria-sort"]}>
      {srOnly ? <span className="sr-only">{children}</span> : children}
    </th>
  );
}

export function Td({ children, className = "", colSpan }: Children & { colSpan?: number }) {
  return (
    <td className={className || undefined} colSpan={colSpan}>
      {children}
    </td>
  );
}

/** The row's own header cell (its name), so screen readers announce it with each cell. */
export function RowHeader({ children, className = "" }: Children) {
  return (
    <th scope="row" className={`text-left font-medium ${className}`}>
      {children}
    </th>
  );
}
