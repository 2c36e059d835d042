"use client";

// The workspace's alert rules (owner): on/off, threshold, minimum and auto-hold, one form per rule.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { useToast } from "@/components/ui/toast";
import { updateAlertRuleAction } from "@/lib/actions/alerts/update-alert-rule";
import { RULES, type RuleSettings } from "@/lib/alerts/rules";

const inputClass = "mt-1 block w-32 rounded-md border border-slate-300 px-2 py-1 text-sm aria-[invalid=true]:border-red-600";

function RuleForm({ workspace, settings }: { workspace: string; settings: RuleSettings }) {
  const id = useId();
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const def = RULES[settings.rule];

  async function submit(form: FormData) {
    setError(null);
    const number = (name: string) => {
      const v = String(form.get(name) ?? "").trim();
      return v === "" ? null : Number(v);
    };
    const result = await updateAlertRuleAction({
      workspace,
      rule: settings.rule,
      enabled: form.get("enabled") === "on",
      autoHold: form.get("autoHold") === "on",
      threshold: def.threshold ? number("threshold") : null,
      minimum: def.minimum ? number("minimum") : null,
    });
    if (result.ok) {
      toast(`${def.label} rule saved`);
      return router.refresh();
    }
    setError({ field: result.field, message: result.message.replace(/^\w+: /, "") });
  }

  return (
    <form action={submit} className="space-y-2 py-3" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`} className="font-medium">
        {def.label}
      </h3>
      <p id={`${id}-help`} className="text-xs text-slate-600">
        {def.description}
      </p>
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="enabled" defaultChecked={settings.enabled} /> On
        </label>
        {def.threshold && (
          <label className="text-xs font-medium text-slate-600">
            Threshold ({def.threshold.meaning})
            <input
              type="number"
              name="threshold"
              step={def.threshold.step}
              min={def.threshold.min}
              max={def.threshold.max}
              defaultValue={settings.threshold ?? ""}
              aria-invalid={error?.field === "threshold" || undefined}
              className={inputClass}
            />
          </label>
        )}
        {def.minimum && (
          <label className="text-xs font-medium text-slate-600">
            Minimum ({def.minimum.meaning})
            <input
              type="number"
              name="minimum"
              step={1}
              min={def.minimum.min}
              max={def.minimum.max}
              defaultValue={settings.minimum ?? ""}
              aria-invalid={error?.field === "minimum" || undefined}
              className={inputClass}
            />
          </label>
        )}
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoHold" defaultChecked={settings.autoHold} /> Hold the account&apos;s new mail when it fires
        </label>
        <SubmitButton pendingLabel="Saving…" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">Save</SubmitButton>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      )}
    </form>
  );
}

export function AlertRulesForm({ workspace, rules }: { workspace: string; rules: RuleSettings[] }) {
  return (
    <div className="divide-y divide-slate-200">
      {rules.map((r) => (
        <RuleForm key={r.rule} workspace={workspace} settings={r} />
      ))}
    </div>
  );
}
