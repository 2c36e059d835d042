"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokeApiTokenAction } from "@/lib/actions/api-tokens/revoke-api-token";

export function RevokeTokenButton({ workspace, tokenId, label }: { workspace: string; tokenId: string; label: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        aria-label={`Revoke ${label}`}
        onClick={async () => {
          if (!window.confirm(`Revoke ${label}? Scripts using it get 401 from their next call.`)) return;
          setPending(true);
          const result = await revokeApiTokenAction({ workspace, tokenId });
          setPending(false);
          if (!result.ok) return setError(result.message);
          router.refresh();
        }}
        className="rounded-md border border-red-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
      >
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </>
  );
}
