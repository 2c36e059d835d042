import { AccountCombobox } from "@/components/filters/account-combobox";
import { FilterForm, filterInputClass, SelectFilter, TimeRangeFields } from "@/components/filters/filter-fields";
import type { AccountOption } from "@/lib/delivery-logs/account-options";
import { MESSAGE_STATUSES, type TDeliveryLogQuery } from "@/lib/delivery-logs/filters";

type Props = { query: TDeliveryLogQuery; workspace: string; account: AccountOption | null; basePath: string };

/** A plain GET form: the filters are the URL, so a view can be shared or bookmarked. */
export function LogFilters({ query, workspace, account, basePath }: Props) {
  return (
    <FilterForm label="Filter the delivery log" action={basePath} columns={4}>
      {query.review && <input type="hidden" name="review" value="1" />}
      <AccountCombobox workspace={workspace} selected={account} anyLabel="All accounts" />
      <SelectFilter label="Status" name="status" value={query.status} anyLabel="Any status" options={MESSAGE_STATUSES.map((s) => [s, s] as const)} />
      <TimeRangeFields preset={query.preset} from={query.from} to={query.to} />
      <label className="text-xs font-medium text-slate-600">
        Recipient (address or domain)
        <input name="rcpt" defaultValue={query.rcpt ?? ""} maxLength={320} placeholder="user@example.com or example.com" className={filterInputClass} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        Envelope from
        <input name="sender" defaultValue={query.sender ?? ""} maxLength={320} className={filterInputClass} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        Client IP
        <input name="ip" defaultValue={query.ip ?? ""} maxLength={64} className={filterInputClass} />
      </label>
    </FilterForm>
  );
}
