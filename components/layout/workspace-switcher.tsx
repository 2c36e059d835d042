"use client";

import { useRouter } from "next/navigation";

type Props = { current: string; workspaces: { slug: string; name: string }[] };

export function WorkspaceSwitcher({ current, workspaces }: Props) {
  const router = useRouter();
  if (workspaces.length < 2) {
    const only = workspaces.find((w) => w.slug === current);
    // The same height as the select, so the layout does not shift when a second workspace arrives.
    return (
      <p data-dynamic="workspace" className="mt-2 flex h-9 items-center truncate border border-transparent px-2 text-sm text-slate-600">
        {only?.name}
      </p>
    );
  }
  return (
    <div className="mt-2" data-dynamic="workspace">
      <label htmlFor="workspace-switcher" className="sr-only">
        Switch workspace
      </label>
      <select
        id="workspace-switcher"
        value={current}
        onChange={(e) => router.push(`/w/${encodeURIComponent(e.target.value)}/smtp-accounts`)}
        className="h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
      >
        {workspaces.map((w) => (
          <option key={w.slug} value={w.slug}>
            {w.name}
          </option>
        ))}
      </select>
    </div>
  );
}
