"use client";

import Link from "next/link";

// The help article's (/help/smtp-credentials) "What to do if credentials are compromised", as steps with actions.
export function CompromisedSteps({ onReset, accountPath }: { onReset: () => void; accountPath: string }) {
  return (
    <details className="rounded-lg border border-red-200 bg-red-50/50 p-3 text-sm">
      <summary className="cursor-pointer font-medium text-red-800">If these credentials are compromised</summary>
      <ol className="mt-2 list-decimal space-y-1 pl-5 text-slate-700">
        <li>
          <button type="button" onClick={onReset} className="font-medium text-red-700 underline">
            Reset the password now
          </button>{" "}
          — a new password is generated instantly and the old one stops working at once.
        </li>
        <li>Update the new password in every application that uses this account.</li>
        <li>
          <Link href={accountPath} className="font-medium text-red-700 underline">
            Review the delivery log
          </Link>{" "}
          for suspicious sends during the compromise window.
        </li>
        <li>
          If you suspect unauthorised sending occurred,{" "}
          <Link href={`${accountPath}?report=1`} className="font-medium text-red-700 underline">
            report the compromise
          </Link>{" "}
          — it holds unsent mail and contacts Rackwave support immediately.
        </li>
      </ol>
    </details>
  );
}
