import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInButton } from "@/components/auth/sign-in-button";
import { getCurrentUser } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  OAuthSignin: "We could not reach the sign-in service. Try again in a moment.",
  OAuthCallback: "Sign-in did not complete. Please try again.",
  AccessDenied: "Your identity provider did not allow this sign-in.",
  SessionRequired: "Please sign in to continue.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const { OIDC_DISPLAY_NAME, PORTAL_URL } = getEnv();
  const callbackUrl = safeReturnPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined, PORTAL_URL);
  const stepUp = params.stepUp === "1";
  if (!stepUp && (await getCurrentUser())) redirect(callbackUrl);
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? "Sign-in failed. Please try again.") : null;

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">MigoSMTP</h1>
        <p className="mt-2 text-sm text-slate-600">
          {stepUp ? "Confirm it's you to continue: sign in again." : "Sign in with your company account to manage SMTP accounts."}
        </p>
        {error && (
          <p role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-800">
            {error}
          </p>
        )}
        <SignInButton label={`Sign in with ${OIDC_DISPLAY_NAME}`} callbackUrl={callbackUrl} forceLogin={stepUp} />
      </div>
    </main>
  );
}
