"use client";

import { ModalDialog } from "@/components/ui/modal-dialog";
import { TestConnectionButton } from "./test-connection";

export type TestConnectionInfo = {
  ports: { starttls: number; tls: number };
  lastTest: { ok: boolean; at: string; by: string | null; step: string | null } | null;
};

type Props = TestConnectionInfo & { workspace: string; account: { id: string; label: string }; onClose: () => void };

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** A row's "Test connection": the staged check in a dialog, with the account's last result. */
export function TestConnectionDialog({ workspace, account, ports, lastTest, onClose }: Props) {
  return (
    <ModalDialog open title={`Test connection — ${account.label}`} onClose={onClose}>
      <p className="mb-3 text-xs text-slate-600">
        {lastTest
          ? `Last test: ${lastTest.ok ? "passed" : `failed${lastTest.step ? ` at ${lastTest.step}` : ""}`}, ${timeFormat.format(new Date(lastTest.at))}${lastTest.by ? `, by ${lastTest.by}` : ""}.`
          : "Not tested yet."}{" "}
        Runs the whole SMTP conversation with the stored credentials; no message is sent unless you ask for a test email.
      </p>
      <TestConnectionButton workspace={workspace} accountId={account.id} ports={ports} />
    </ModalDialog>
  );
}
