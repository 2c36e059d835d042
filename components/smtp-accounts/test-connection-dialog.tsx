"use client";

import { useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { TestConnectionButton } from "./test-connection";

type Props = {
  workspace: string;
  account: { id: string; label: string };
  ports: { starttls: number; tls: number };
  lastTest: { ok: boolean; at: string; by: string | null; step: string | null } | null;
};

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** A row's "Test connection": the staged check in a dialog, with the account's last result. */
export function TestConnectionDialog({ workspace, account, ports, lastTest }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        Test connection
      </button>
      {open && (
        <ModalDialog open title={`Test connection — ${account.label}`} onClose={() => setOpen(false)}>
          <p className="mb-3 text-xs text-slate-600">
            {lastTest
              ? `Last test: ${lastTest.ok ? "passed" : `failed${lastTest.step ? ` at ${lastTest.step}` : ""}`}, ${timeFormat.format(new Date(lastTest.at))}${lastTest.by ? `, by ${lastTest.by}` : ""}.`
              : "Not tested yet."}{" "}
            Runs the whole SMTP conversation with the stored credentials; no message is sent unless you ask for a test email.
          </p>
          <TestConnectionButton workspace={workspace} accountId={account.id} ports={ports} />
        </ModalDialog>
      )}
    </>
  );
}
