import Link from "next/link";
import type { CompromiseReview } from "@/lib/delivery-logs/review";
import { formatTime } from "./format";

type Props = { review: CompromiseReview; flaggedOnlyHref: string; allHref: string; flaggedOnly: boolean; accountHref: string };

function Stat({ label, value, alert }: { label: string; value: number; alert?: boolean }) {
  return (
    <div className={`rounded-lg border p-3 ${alert ? "border-red-200 bg-red-50" : "border-slate-200 bg-white"}`}>
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold ${alert ? "text-red-800" : ""}`}>{value}</dd>
    </div>
  );
}

export function ReviewSummary({ review, flaggedOnlyHref, allHref, flaggedOnly, accountHref }: Props) {
  return (
    <section aria-labelledby="review-heading" className="rounded-lg border border-amber-200 bg-amber-50/50 p-4">
      <h2 id="review-heading" className="font-semibold">
        Compromise review: <Link href={accountHref} className="text-indigo-700 hover:underline">{review.account.label}</Link>
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Window {formatTime(review.window.from)} → {formatTime(review.window.to)}. Edit From / To below to change it.
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-5" aria-label="Review summary">
        <Stat label="Messages in window" value={review.messages} />
        <Stat label="Flagged" value={review.flagged} alert={review.flagged > 0} />
        <Stat label="Unique client IPs" value={review.uniqueIps} />
        <Stat label="Unique recipient domains" value={review.uniqueRecipientDomains} />
        <Stat label="Sent with a replaced password" value={review.replacedVersionMessages} alert={review.replacedVersionMessages > 0} />
      </dl>
      <ul className="mt-3 space-y-1 text-sm" aria-label="Findings">
        <li>
          <span className="font-medium">Client IPs new to this account:</span> {review.newIps.length ? review.newIps.join(", ") : "none"}
        </li>
        <li>
          <span className="font-medium">Recipient domains new to this account:</span> {review.newRecipientDomains.length ? review.newRecipientDomains.join(", ") : "none"}
        </li>
        <li>
          <span className="font-medium">Hours above the usual volume (more than {review.hourlyThreshold} an hour):</span>{" "}
          {review.highVolumeHours.length ? review.highVolumeHours.map((h) => `${formatTime(h.hour)} (${h.count})`).join(", ") : "none"}
        </li>
        <li>
          <span className="font-medium">Messages accepted with a replaced password version:</span> {review.replacedVersionMessages}{" "}
          <span className="text-slate-600">(the relay re-checks the version on every message, so this should be zero)</span>
        </li>
      </ul>
      {review.truncated && <p className="mt-2 text-xs text-amber-800">The window is very large: the lists above are partial.</p>}
      <p className="mt-3 text-sm">
        {flaggedOnly ? (
          <Link href={allHref} className="font-medium text-indigo-700 hover:underline">
            Show every message in the window
          </Link>
        ) : (
          <Link href={flaggedOnlyHref} className="font-medium text-indigo-700 hover:underline">
            Show flagged messages only
          </Link>
        )}
      </p>
    </section>
  );
}
