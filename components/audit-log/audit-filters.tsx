// The Audit Log's filters: actor, action (the closed list of audit actions), account, time.
import { AccountCombobox } from "@/components/filters/account-combobox";
import { FilterForm, filterInputClass, SelectFilter, TimeRangeFields } from "@/components/filters/filter-fields";
import { AUDIT_ACTION_NAMES, auditActionLabel } from "@/lib/audit/actions";
import type { TAuditQuery } from "@/lib/audit/list-audit";
import type { AccountOption } from "@/lib/delivery-logs/account-options";

type Props = { query: TAuditQuery; workspace: string; account: AccountOption | null; basePath: string };

export function AuditFilters({ query, workspace, account, basePath }: Props) {
  return (
    <FilterForm label="Filter the audit log" action={basePath} columns={6}>
      <label className="text-xs font-medium text-slate-600">
        Actor (email)
        <input name="actor" defaultValue={query.actor ?? ""} maxLength={320} className={filterInputClass} />
      </label>
      <SelectFilter label="Action" name="action" value={query.action} anyLabel="Any action" options={AUDIT_ACTION_NAMES.map((a) => [a, auditActionLabel(a)] as const)} />
      {/* A deleted account's events keep its id: show the id rather than dropping the filter. */}
      <AccountCombobox workspace={workspace} selected={account ?? (query.account ? { id: query.account, label: query.account } : null)} anyLabel="Any account" />
      <TimeRangeFields preset={query.preset} from={query.from} to={query.to} />
    </FilterForm>
  );
}
