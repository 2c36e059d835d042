import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MigoSMTP", template: "%s · MigoSMTP" },
  description: "SMTP accounts, credentials and delivery logs for your workspace.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: each response has its own CSP nonce (proxy.ts), which
  // Next.js can put on its scripts only while rendering; a prerendered page's scripts would be blocked.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
