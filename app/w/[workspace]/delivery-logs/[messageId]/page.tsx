import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatBytes, formatTime, STATUS_STYLE } from "@/components/delivery-logs/format";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { getMessage } from "@/lib/delivery-logs/get-message";
import { AppError } from "@/lib/errors/app-error";

export const metadata: Metadata = { title: "Message" };

type Props = { params: Promise<{ workspace: string; messageId: string }> };

export default async function MessagePage({ params }: Props) {
  const { workspace: slug, messageId } = await params;
  const { workspace } = await requireWorkspacePage(slug, "logs:view");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(messageId)) notFound();
  const m = await getMessage({ db: getDb(), workspaceId: workspace.id, messageId }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  // A suppressed entry is a refused RCPT TO, never accepted: its timeline is the refusal alone.
  const hasAccepted = m.status === "suppressed" || m.attempts.some((a) => a.outcome === "accepted");
  const timeline = [
    ...(hasAccepted ? [] : [{ id: "accepted", outcome: "accepted", reply: null as string | null, upstream: null as string | null, durationMs: null as number | null, duplicate: false, createdAt: m.createdAt }]),
    ...m.attempts,
  ];
  const fields: [string, React.ReactNode][] = [
    ["Account", m.account ? <Link href={`/w/${workspace.slug}/smtp-accounts/${m.accountId}`} className="text-indigo-700 hover:underline">{m.account.label}</Link> : "deleted account"],
    ["Password version", `${m.passwordVersion}${m.account ? ` (current: ${m.account.passwordVersion})` : ""}`],
    ["Client IP", `${m.clientIp}${m.clientHostname ? ` (${m.clientHostname})` : ""}`],
    ["TLS", [m.tlsProtocol, m.tlsCipher].filter(Boolean).join(" · ") || "none"],
    ["Envelope from", m.envelopeFrom || "<>"],
    ["Header From", m.headerFrom ?? ""],
    ["Recipients", `${m.recipients.map((r) => r.address).join(", ")}${m.recipientCount > m.recipients.length ? ` … (${m.recipientCount} in all)` : ""}`],
    ["Subject", m.subject ?? "(no subject)"],
    ["Message-ID", <span key="message-id" className="font-mono text-xs">{m.messageIdHeader ?? ""}</span>],
    ["Size", formatBytes(m.sizeBytes)],
    ["Received", <time key="received" dateTime={m.createdAt.toISOString()}>{formatTime(m.createdAt)}</time>],
    ["Attempts", String(m.attemptCount)],
  ];
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <Link href={`/w/${workspace.slug}/delivery-logs`} className="text-sm text-indigo-700 hover:underline">
          ← Delivery Logs
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">{m.subject ?? "(no subject)"}</h1>
        <p className="mt-1 text-sm">
          <span className={`pill ${STATUS_STYLE[m.status] ?? ""}`}>{m.status}</span>
          {m.lastReply && <span className="ml-2 font-mono text-xs text-slate-600">{m.lastReply}</span>}
        </p>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm md:grid-cols-[12rem_1fr]">
        {fields.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-medium text-slate-600">{k}</dt>
            <dd className="break-all">{v}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          Timeline
        </h2>
        <ol className="mt-2 space-y-2 border-l-2 border-slate-200 pl-4 text-sm" aria-label="Timeline">
          {timeline.map((a) => (
            <li key={a.id}>
              <span className="font-medium">{a.outcome}</span> · <time dateTime={a.createdAt.toISOString()}>{formatTime(a.createdAt)}</time>
              {a.upstream && <span className="text-slate-600"> · via {a.upstream}</span>}
              {a.durationMs !== null && <span className="text-slate-600"> · {a.durationMs} ms</span>}
              {a.duplicate && <span className="ml-1 rounded bg-amber-100 px-1 text-xs">duplicate</span>}
              {a.reply && <div className="font-mono text-xs text-slate-600">{a.reply}</div>}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="headers-heading">
        <h2 id="headers-heading" className="text-lg font-semibold">
          Headers
        </h2>
        {m.headers ? (
          <table className="mt-2 w-full text-left font-mono text-xs">
            <tbody>
              {m.headers.map((h, i) => (
                <tr key={i} className="align-top">
                  <th scope="row" className="whitespace-nowrap py-0.5 pr-3 font-semibold">
                    {h.name}
                  </th>
                  <td className="break-all py-0.5">{h.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-2 text-sm text-slate-600">The raw message is no longer stored (it is kept until delivery, or for the retention period in sink mode).</p>
        )}
      </section>
    </div>
  );
}
