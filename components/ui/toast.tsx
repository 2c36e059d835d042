"use client";

import { createContext, useCallback, useContext, useEffect, useState } from "react";

type Toast = { id: number; message: string; tone: "success" | "error" };
type Notify = (message: string, tone?: Toast["tone"]) => void;

const ToastContext = createContext<Notify>(() => {});

/** `toast("Password reset")` from any client component under <ToastProvider>. */
export function useToast(): Notify {
  return useContext(ToastContext);
}

const SHOW_MS = 4000;
let nextId = 1;

// One polite live region for the whole workspace: screen readers hear each toast once, and a
// toast never takes focus away from what the person is doing.
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const notify = useCallback<Notify>((message, tone = "success") => {
    setToasts((t) => [...t.slice(-2), { id: nextId++, message, tone }]);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  return (
    <ToastContext.Provider value={notify}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4 sm:items-end">
        {toasts.map((t) => (
          <ToastCard key={t.id} toast={t} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastCard({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(toast.id), SHOW_MS);
    return () => clearTimeout(timer);
  }, [onDismiss, toast.id]);
  return (
    <div
      data-testid="toast"
      className={`pointer-events-auto flex items-center gap-3 rounded-md px-4 py-2 text-sm text-white shadow-lg ${toast.tone === "error" ? "bg-red-700" : "bg-slate-900"}`}
    >
      <span>{toast.message}</span>
      <button type="button" onClick={() => onDismiss(toast.id)} aria-label="Dismiss" className="rounded px-1 text-slate-300 hover:text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-white">
        ✕
      </button>
    </div>
  );
}
