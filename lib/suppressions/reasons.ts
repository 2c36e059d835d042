// Why an address is on the suppression list (Suppression.reason), with the words the portal and
// the relay's 550 reply use for each.
export const SUPPRESSION_REASONS = {
  hard_bounce: "hard bounce",
  manual: "added by an admin",
  import: "imported",
} as const;

export type SuppressionReason = keyof typeof SUPPRESSION_REASONS;

export function suppressionReasonLabel(reason: string): string {
  return (SUPPRESSION_REASONS as Record<string, string>)[reason] ?? reason;
}
