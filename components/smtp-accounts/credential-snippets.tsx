"use client";

import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { CredentialsView } from "@/lib/smtp-accounts/credentials-view";
import { credentialSnippets, STORAGE_GUIDANCE } from "@/lib/smtp-accounts/snippets";

export function CredentialSnippets({ credentials, onCopied }: { credentials: CredentialsView; onCopied: () => void }) {
  const snippets = credentialSnippets(credentials);
  const [active, setActive] = useState(snippets[0]!.id);
  const current = snippets.find((s) => s.id === active) ?? snippets[0]!;
  return (
    <section aria-labelledby="using-credentials">
      <h3 id="using-credentials" className="text-sm font-semibold">
        Using these credentials
      </h3>
      <div role="tablist" aria-label="Snippets" className="mt-2 flex flex-wrap gap-1">
        {snippets.map((s) => (
          <button
            key={s.id}
            role="tab"
            type="button"
            id={`tab-${s.id}`}
            aria-selected={s.id === active}
            aria-controls={`panel-${s.id}`}
            onClick={() => setActive(s.id)}
            className={`rounded-md px-2.5 py-1 text-xs font-medium ${s.id === active ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
          >
            {s.title}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`} className="mt-2">
        {current.note && <p className="mb-2 text-xs text-slate-600">{current.note}</p>}
        <div className="relative">
          <pre className="max-h-64 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">{current.code}</pre>
          <div className="absolute right-2 top-2">
            <CopyButton value={current.code} label={`Copy ${current.title} snippet`} onCopied={onCopied} />
          </div>
        </div>
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium">Storing credentials securely</summary>
        <table className="mt-2 w-full text-left text-xs">
          <thead>
            <tr className="text-slate-500">
              <th scope="col" className="py-1 pr-2">Method</th>
              <th scope="col" className="py-1 pr-2">How to use</th>
              <th scope="col" className="py-1">Security level</th>
            </tr>
          </thead>
          <tbody>
            {STORAGE_GUIDANCE.map((g) => (
              <tr key={g.method} className="border-t border-slate-100 align-top">
                <th scope="row" className="py-1 pr-2 font-medium">{g.method}</th>
                <td className="py-1 pr-2">{g.how}</td>
                <td className="py-1">{g.level}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
