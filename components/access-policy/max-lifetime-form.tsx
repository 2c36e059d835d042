"use client";

import { updateMaxLifetimeAction } from "@/lib/actions/access-policy/update-max-lifetime";
import { PolicyFieldForm } from "./policy-field-form";

export function MaxLifetimeForm({ workspace, days }: { workspace: string; days: number | null }) {
  return (
    <PolicyFieldForm
      label="Maximum password lifetime (days)"
      name="maxPasswordLifetimeDays"
      kind="days"
      initial={days === null ? "" : String(days)}
      placeholder="90"
      help="Whole days from 1 to 3650. Every SMTP password expires this many days after it was set (or at the account's own expiry, if earlier). Empty: no maximum."
      savedMessage="Maximum password lifetime saved"
      save={(value) => updateMaxLifetimeAction({ workspace, maxPasswordLifetimeDays: value })}
    />
  );
}
