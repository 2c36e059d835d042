"use client";

// The signed-in member's alert emails: one checkbox per rule (checked: send me these).
import { useRouter } from "next/navigation";
import { useToast } from "@/components/ui/toast";
import { SubmitButton } from "@/components/ui/submit-button";
import { useState } from "react";
import { setAlertOptOutsAction } from "@/lib/actions/alerts/set-alert-opt-outs";
import { ALERT_RULES, RULES, type AlertRuleId } from "@/lib/alerts/rules";

export function AlertOptOutForm({ workspace, optedOut, receivesEmails }: { workspace: string; optedOut: AlertRuleId[]; receivesEmails: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);

  async function submit(form: FormData) {
    setError(null);
    const result = await setAlertOptOutsAction({ workspace, optedOut: ALERT_RULES.filter((r) => form.get(r) !== "on") });
    if (!result.ok) return setError(result.message);
    toast("Alert email choices saved");
    router.refresh();
  }

  return (
    <form action={submit} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <fieldset>
        <legend className="font-medium">Email me about</legend>
        {!receivesEmails && <p className="text-xs text-slate-600">Alert emails go to owners and admins; these choices apply if your role changes.</p>}
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
          {ALERT_RULES.map((r) => (
            <label key={r} className="flex items-center gap-2">
              <input type="checkbox" name={r} defaultChecked={!optedOut.includes(r)} /> {RULES[r].label}
            </label>
          ))}
        </div>
      </fieldset>
      <SubmitButton pendingLabel="Saving…" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">Save email choices</SubmitButton>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
