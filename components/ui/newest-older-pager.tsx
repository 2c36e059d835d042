// Keyset paging for newest-first lists (Delivery Logs, Audit Log, suppressions): "Newest" back to
// the first page when not on it, "Older" when there is a next page.
import Link from "next/link";

const LINK = "rounded-md border border-slate-300 bg-white px-3 py-1";

export function NewestOlderPager({ newestHref, olderHref }: { newestHref: string | null; olderHref: string | null }) {
  return (
    <nav aria-label="Pagination" className="flex justify-between text-sm">
      {newestHref ? (
        <Link href={newestHref} className={LINK}>
          Newest
        </Link>
      ) : (
        <span />
      )}
      {olderHref && (
        <Link href={olderHref} className={LINK}>
          Older
        </Link>
      )}
    </nav>
  );
}
