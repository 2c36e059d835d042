"use client";
// The logs' account filter: a searchable combobox (WAI-ARIA 1.2 pattern, list autocomplete)
// that asks the server for matching accounts as the user types, instead of rendering every
// account of the workspace as an <option>. The chosen id travels in a hidden `account` input,
// so the surrounding GET form (and the URL) work as before.
import { useEffect, useId, useRef, useState } from "react";
import { filterInputClass } from "./filter-classes";

type Option = { id: string; label: string };

type Props = {
  workspace: string;
  /** The account in the URL, with its label, or null. */
  selected: Option | null;
  /** The label of the "no account" choice ("All accounts", "Any account"). */
  anyLabel: string;
};

const DEBOUNCE_MS = 200;

export function AccountCombobox({ workspace, selected, anyLabel }: Props) {
  const id = useId();
  const listId = `${id}-list`;
  const [value, setValue] = useState<Option | null>(selected);
  const [text, setText] = useState(selected?.label ?? "");
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Option[]>([]);
  const [active, setActive] = useState(0);
  const [loading, setLoading] = useState(false);
  const request = useRef<AbortController | null>(null);

  // Choices shown: "any" first, then the server's matches.
  const choices: (Option | null)[] = [null, ...options];

  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setLoading(true);
      const q = text === value?.label ? "" : text;
      fetch(`/api/w/${encodeURIComponent(workspace)}/account-options?${new URLSearchParams({ q })}`, { signal: controller.signal })
        .then((res) => (res.ok ? (res.json() as Promise<{ options: Option[] }>) : { options: [] }))
        .then((body) => {
          setOptions(body.options);
          setActive(0);
        })
        .catch(() => undefined)
        .finally(() => {
          if (request.current === controller) setLoading(false);
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [open, text, value, workspace]);

  const choose = (option: Option | null) => {
    setValue(option);
    setText(option?.label ?? "");
    setOpen(false);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) return setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (a + step + choices.length) % choices.length);
    } else if (e.key === "Enter" && open) {
      // Enter picks the highlighted account instead of submitting the form.
      e.preventDefault();
      choose(choices[active] ?? null);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
      setText(value?.label ?? "");
    }
  };

  const optionId = (i: number) => `${id}-option-${i}`;

  return (
    <div className="relative text-xs font-medium text-slate-600">
      <label htmlFor={`${id}-input`}>Account</label>
      <input type="hidden" name="account" value={value?.id ?? ""} />
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? optionId(active) : undefined}
        autoComplete="off"
        value={text}
        placeholder={anyLabel}
        maxLength={100}
        className={filterInputClass}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (e.target.value === "") setValue(null);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // Leaving the field keeps the last choice; a half-typed search is dropped.
          setOpen(false);
          setText(value?.label ?? "");
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Accounts"
        aria-busy={loading}
        hidden={!open}
        className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm font-normal text-slate-900 shadow-lg"
      >
        {choices.map((option, i) => (
          <li
            key={option?.id ?? ""}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={`cursor-pointer px-2 py-1 ${i === active ? "bg-indigo-50" : ""}`}
            // mousedown, not click: it runs before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(option);
            }}
            onMouseEnter={() => setActive(i)}
          >
            {option ? option.label : anyLabel}
          </li>
        ))}
        {!loading && open && options.length === 0 && text !== "" && text !== value?.label && (
          <li role="presentation" className="px-2 py-1 text-slate-500">
            No account matches
          </li>
        )}
      </ul>
    </div>
  );
}
