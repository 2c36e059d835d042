import Link from "next/link";
import { MESSAGE_STATUSES, TIME_PRESETS, type TDeliveryLogQuery } from "@/lib/delivery-logs/filters";
import { toInputValue } from "./format";

type Props = { query: TDeliveryLogQuery; accounts: { id: string; label: string }[]; basePath: string };

const input = "w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** A plain GET form: the filters are the URL, so a view can be shared or bookmarked. */
export function LogFilters({ query, accounts, basePath }: Props) {
  return (
    <form role="search" aria-label="Filter the delivery log" action={basePath} className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4">
      {query.review && <input type="hidden" name="review" value="1" />}
      <label className="text-xs font-medium text-slate-600">
        Account
        <select name="account" defaultValue={query.account ?? ""} className={input}>
          <option value="">All accounts</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Status
        <select name="status" defaultValue={query.status ?? ""} className={input}>
          <option value="">Any status</option>
          {MESSAGE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Time range
        <select name="preset" defaultValue={query.preset ?? ""} className={input}>
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
        <input type="datetime-local" name="from" defaultValue={toInputValue(query.from)} className={input} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        To (UTC)
        <input type="datetime-local" name="to" defaultValue={toInputValue(query.to)} className={input} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        Recipient (address or domain)
        <input name="rcpt" defaultValue={query.rcpt ?? ""} maxLength={320} placeholder="user@example.com or example.com" className={input} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        Envelope from
        <input name="sender" defaultValue={query.sender ?? ""} maxLength={320} className={input} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        Client IP
        <input name="ip" defaultValue={query.ip ?? ""} maxLength={64} className={input} />
      </label>
      <div className="col-span-2 flex items-end gap-2 md:col-span-4">
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white">
          Apply filters
        </button>
        <Link href={basePath} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
          Clear
        </Link>
      </div>
    </form>
  );
}
