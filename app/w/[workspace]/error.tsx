"use client";

// Shown when a page fails on the server. The details stay in the server log: the browser
// gets a plain message and the error's digest to quote to support.
export default function WorkspaceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg py-24 text-center">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">
        The page could not be loaded. Try again; if it keeps failing, contact support{error.digest ? ` and quote reference ${error.digest}` : ""}.
      </p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        Try again
      </button>
    </div>
  );
}
