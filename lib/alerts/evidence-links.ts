// The links an alert's evidence turns into: the Delivery Logs filtered to the account, time
// window, status or IP it names (lib/delivery-logs/filters.ts), and for AUTH evidence the
// account's login events.
import type { EvidenceLogs } from "./candidate";

export type EvidenceLink = { label: string; href: string };

function parseLogs(evidence: string): EvidenceLogs | null {
  try {
    const value = JSON.parse(evidence) as { logs?: Partial<EvidenceLogs> };
    const logs = value.logs;
    if (!logs || typeof logs.from !== "string" || typeof logs.to !== "string") return null;
    return logs as EvidenceLogs;
  } catch {
    return null;
  }
}

export function evidenceLinks(workspaceSlug: string, alert: { rule: string; evidence: string }): EvidenceLink[] {
  const logs = parseLogs(alert.evidence);
  if (!logs) return [];
  const base = `/w/${workspaceSlug}`;
  const params = new URLSearchParams({ from: logs.from, to: logs.to });
  if (logs.account) params.set("account", logs.account);
  if (logs.status) params.set("status", logs.status);
  if (logs.ip) params.set("ip", logs.ip);
  const links: EvidenceLink[] = [{ label: "Delivery Logs", href: `${base}/delivery-logs?${params}` }];
  if (logs.account && (alert.rule === "new_ip" || alert.rule === "auth_failures")) {
    const events = new URLSearchParams({ from: logs.from, to: logs.to });
    if (alert.rule === "auth_failures") events.set("result", "failure");
    if (logs.ip) events.set("ip", logs.ip);
    links.push({ label: "Login events", href: `${base}/smtp-accounts/${logs.account}?${events}#logins-heading` });
  }
  return links;
}
