import type { ExpiryBadge as Badge } from "@/lib/access-policy/account-filters";

/** "Expires in 3 days" / "Expired": shown once the 14-day warning is due. */
export function ExpiryBadge({ expiry, now }: { expiry: Badge; now: Date }) {
  const days = Math.max(0, Math.ceil((new Date(expiry.at).getTime() - now.getTime()) / 86_400_000));
  const text = expiry.expired ? "Expired" : days <= 1 ? "Expires within a day" : `Expires in ${days} days`;
  const tone = expiry.expired || expiry.daysAhead === 0 ? "bg-red-50 text-red-700" : expiry.daysAhead === 3 ? "bg-amber-50 text-amber-800" : "bg-yellow-50 text-yellow-800";
  return (
    <span className={`pill ${tone}`} title={`Password expires ${expiry.at.replace("T", " ").slice(0, 16)} UTC`}>
      {text}
    </span>
  );
}
