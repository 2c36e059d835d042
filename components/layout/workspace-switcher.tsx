"use client";

import { useRouter } from "next/navigation";

type Props = { current: string; workspaces: { slug: string; name: string }[] };

export function WorkspaceSwitcher({ current, workspaces }: Props) {
  const router = useRouter();
  if (workspaces.length < 2) {
    const only = workspaces.find((w) => w.slug === current);
    return <p className="mt-2 truncate text-sm text-slate-600">{only?.name}</p>;
  }
  return (
    <div className="mt-2">
      <label htmlFor="workspace-switcher" className="sr-only">
        Switch workspace
      </label>
      <select
        id="workspace-switcher"
        value={current}
        onChange={(e) => router.push(`/w/${encodeURIComponent(e.target.value)}/smtp-accounts`)}
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
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
