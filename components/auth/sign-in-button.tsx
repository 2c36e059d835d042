"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

type Props = { label: string; callbackUrl: string; forceLogin?: boolean };

export function SignInButton({ label, callbackUrl, forceLogin = false }: Props) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // Step-up asks the IdP for a fresh authentication (max_age=0, prompt=login).
        void signIn("oidc", { callbackUrl }, forceLogin ? { prompt: "login", max_age: "0" } : undefined);
      }}
      className="mt-6 w-full rounded-md bg-indigo-600 px-4 py-2.5 text-sm font-medium text-white hover:bg-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-60"
    >
      {pending ? "Redirecting…" : label}
    </button>
  );
}
