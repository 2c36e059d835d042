"use client";

import { signOut } from "next-auth/react";
import { signOutAction } from "@/lib/actions/auth/sign-out";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={async () => {
        // End the server-side session first, then the cookie, then the IdP's session.
        const { idpLogoutUrl } = await signOutAction();
        await signOut({ redirect: false });
        window.location.assign(idpLogoutUrl ?? "/signin");
      }}
      className="w-full rounded-md px-3 py-2 text-left text-sm text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
    >
      Sign out
    </button>
  );
}
