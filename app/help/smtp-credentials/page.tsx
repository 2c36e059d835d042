import type { Metadata } from "next";
import Link from "next/link";
import { STORAGE_GUIDANCE } from "@/lib/smtp-accounts/snippets";

export const metadata: Metadata = { title: "Your SMTP credentials" };
// Rendered per request like every page: its scripts need the response's CSP nonce.

const FIELDS = [
  ["SMTP Host", "smtp.migosmtp.com", "SMTP server / hostname field in your app"],
  ["SMTP Port", "587 (STARTTLS) or 465 (SSL)", "Port field in your app"],
  ["SMTP Username", "smtpuser_a3b2f1c9", "Username / login field in your app"],
  ["SMTP Password", "[32-character random string]", "Password field in your app"],
  ["Encryption", "TLS / STARTTLS", "Encryption / security field in your app"],
  ["From Email", "yourname@yourverifieddomain.com", "From address in your email configuration"],
] as const;

export default function SmtpCredentialsHelp() {
  return (
    <main className="mx-auto max-w-3xl p-4 text-slate-800 sm:p-8">
      <h1 className="text-2xl font-semibold">Your SMTP credentials</h1>
      <p className="mt-3">
        Your SMTP credentials — a username and password — authenticate your application when it connects to the MigoSMTP relay server.
      </p>
      <h2 className="mt-8 text-lg font-semibold">Where to find them</h2>
      <ol className="mt-2 list-decimal space-y-1 pl-6">
        <li>
          <Link href="/signin" className="text-indigo-700 underline">
            Log in to MigoSMTP
          </Link>{" "}
          via the Rackwave portal SSO.
        </li>
        <li>Click SMTP Accounts in the left sidebar.</li>
        <li>Click the View Credentials button or the eye icon next to the account whose credentials you need.</li>
      </ol>
      <table className="mt-6 w-full text-left text-sm">
        <caption className="sr-only">Your complete SMTP credentials</caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-2 pr-3">Credential</th>
            <th scope="col" className="py-2 pr-3">Format / Example</th>
            <th scope="col" className="py-2">Where to enter</th>
          </tr>
        </thead>
        <tbody>
          {FIELDS.map(([name, example, where]) => (
            <tr key={name} className="border-b border-slate-100">
              <th scope="row" className="py-2 pr-3 font-medium">{name}</th>
              <td className="break-all py-2 pr-3 font-mono text-xs">{example}</td>
              <td className="py-2">{where}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="mt-8 text-lg font-semibold">Storing credentials securely</h2>
      <ul className="mt-2 space-y-1 text-sm">
        {STORAGE_GUIDANCE.map((g) => (
          <li key={g.method}>
            <strong>{g.method}</strong> — {g.level}: {g.how}
          </li>
        ))}
      </ul>
      <h2 className="mt-8 text-lg font-semibold">If your credentials are compromised</h2>
      <p className="mt-2 text-sm">
        Reset the password on the account (the old one stops working at once), update every application, review the delivery logs for the compromise window, and
        contact Rackwave support if you suspect unauthorised sending.
      </p>
    </main>
  );
}
