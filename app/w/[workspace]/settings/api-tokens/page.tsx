import type { Metadata } from "next";
import Link from "next/link";
import { CreateTokenForm } from "@/components/api-tokens/create-token-form";
import { RevokeTokenButton } from "@/components/api-tokens/revoke-token-button";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { listApiTokens } from "@/lib/api-tokens/list-tokens";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { workspace } = await requireWorkspacePage(slug, "api-tokens:manage");
  const tokens = await listApiTokens(getDb(), workspace.id);
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="mt-1 text-sm text-slate-600">
        Tokens for scripts that call the management API of {workspace.name} (<Link href="/api-reference" className="text-indigo-700 underline">API reference</Link>). A token is
        shown once, when it is created; only its hash is kept. Every call is in the Audit Log under the token&apos;s label.
      </p>
      <CreateTokenForm workspace={workspace.slug} />
      <Table caption="API tokens" className="mt-6">
        <TableHead>
          <Th>Token</Th>
          <Th>Scopes</Th>
          <Th>Expires</Th>
          <Th>Last used</Th>
          <Th srOnly>Actions</Th>
        </TableHead>
        <TableBody>
          {tokens.length === 0 && (
            <tr>
              <td colSpan={5} className="px-4 py-3 text-slate-600">
                No tokens yet. Create one above for each script or application, with the fewest scopes it needs.
              </td>
            </tr>
          )}
          {tokens.map((t) => {
            const state = t.state === "revoked" ? "Revoked" : t.state === "expired" ? "Expired" : null;
            return (
              <tr key={t.id}>
                <th scope="row" className="px-4 py-3 text-left font-medium">
                  {t.label}
                  <span className="block font-mono text-xs font-normal text-slate-500">migo_{t.publicId}_…</span>
                  {t.ipAllowlist.length > 0 && <span className="block text-xs font-normal text-slate-500">From {t.ipAllowlist.join(", ")}</span>}
                </th>
                <td className="px-4 py-3 font-mono text-xs">{t.scopes.join(" ")}</td>
                <td className="px-4 py-3 text-slate-600">{state ?? (t.expiresAt ? <LocalTime iso={t.expiresAt.toISOString()} /> : "Never")}</td>
                <td className="px-4 py-3 text-slate-600">
                  {t.lastUsedAt ? <LocalTime iso={t.lastUsedAt.toISOString()} /> : "Never used"}
                  {t.lastUsedIp && <span className="block text-xs">{t.lastUsedIp}</span>}
                </td>
                <td className="px-4 py-3 text-right">{!t.revokedAt && <RevokeTokenButton workspace={workspace.slug} tokenId={t.id} label={t.label} />}</td>
              </tr>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
