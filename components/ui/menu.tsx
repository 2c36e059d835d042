"use client";

import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";

export type MenuItem = { label: string; onSelect: () => void; tone?: "danger"; disabled?: boolean };

type Props = { label: string; items: MenuItem[]; trigger?: React.ReactNode };

// Placed through the CSSOM (allowed by the nonce-only CSP, unlike a style attribute), and
// placed again when the page scrolls or resizes, so it stays beside its button.
function placeMenu(button: HTMLElement | null, list: HTMLElement | null) {
  if (!button || !list) return;
  const box = button.getBoundingClientRect();
  const below = box.bottom + list.offsetHeight + 4 <= window.innerHeight;
  list.style.top = `${below ? box.bottom + 4 : Math.max(4, box.top - list.offsetHeight - 4)}px`;
  list.style.left = `${Math.max(4, box.right - list.offsetWidth)}px`;
}

const itemClass = "block w-full px-3 py-1.5 text-left text-sm focus:bg-indigo-50 focus:outline-none disabled:opacity-50";

/**
 * A row's "more actions" menu (WAI-ARIA menu button): Enter, Space or ArrowDown open it on the
 * first item, arrows/Home/End move, Escape or Tab close it, and focus goes back to the button.
 * It is drawn fixed beside its button, so a scrolling table never clips it.
 */
export function Menu({ label, items, trigger = "⋯" }: Props) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const id = useId();

  const menuItems = () => Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? []);
  const focusItem = (index: number) => {
    const all = menuItems();
    all[(index + all.length) % all.length]?.focus({ preventScroll: true });
  };
  const close = (returnFocus = true) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  useLayoutEffect(() => {
    if (!open) return;
    placeMenu(buttonRef.current, listRef.current);
    listRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus({ preventScroll: true });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!listRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    const onMove = () => placeMenu(buttonRef.current, listRef.current);
    document.addEventListener("pointerdown", onPointer);
    window.addEventListener("scroll", onMove, true);
    window.addEventListener("resize", onMove);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      window.removeEventListener("scroll", onMove, true);
      window.removeEventListener("resize", onMove);
    };
  }, [open]);

  const onListKey = (e: React.KeyboardEvent) => {
    const all = menuItems();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusItem(at + 1),
      ArrowUp: () => focusItem(at - 1),
      Home: () => focusItem(0),
      End: () => focusItem(all.length - 1),
      Escape: () => close(),
      Tab: () => close(),
    };
    const move = moves[e.key];
    if (!move) return;
    if (e.key !== "Tab") e.preventDefault();
    move();
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        {trigger}
      </button>
      {open && (
        <div ref={listRef} id={id} role="menu" aria-label={label} onKeyDown={onListKey} className="fixed z-40 min-w-44 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              disabled={item.disabled}
              onClick={() => {
                // Focus is back on the button first, so a dialog the item opens returns it there.
                close();
                item.onSelect();
              }}
              className={`${itemClass} ${item.tone === "danger" ? "text-red-700" : "text-slate-700"}`}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
