// The list's loading state only. It sits in the (list) route group so that it does not wrap
// [accountId]: a Suspense boundary above a page starts the 200 response before the page can
// call notFound(), and an unknown account would then be "Not found" with HTTP 200.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="py-24 text-center text-sm text-slate-500">
      Loading…
    </div>
  );
}
