import type { Metadata } from "next";
import Link from "next/link";
import { ApiReferenceViewer } from "@/components/api-reference/api-reference-viewer";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  if (!(await getCurrentUser())) redirect(`/signin?callbackUrl=${encodeURIComponent("/api-reference")}`);
  return (
    <main className="mx-auto max-w-6xl p-6">
      <h1 className="text-2xl font-semibold">MigoSMTP management API</h1>
      <p className="mt-1 text-sm text-slate-600">
        The reference of <code>/api/v1</code>, from its <Link href="/api/v1/openapi.json" className="text-indigo-700 underline">OpenAPI 3.1 document</Link>. Create a token on your
        workspace&apos;s API tokens page and send it as <code>Authorization: Bearer migo_…</code>.
      </p>
      <div className="mt-6">
        <ApiReferenceViewer url="/api/v1/openapi.json" />
      </div>
    </main>
  );
}
