"use client";

import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { menuButtonClass } from "./menu-button-class";

export type MenuItem = { label: string; onSelect: () => void; tone?: "danger"; disabled?: boolean };

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

type ListProps = {
  id: string;
  label: string;
  items: MenuItem[];
  /** The menu button it belongs to: the list is drawn beside it, and focus returns to it. */
  anchor: HTMLElement;
  /** Escape, Tab, a click elsewhere or a chosen item; `returnFocus` is false for a click elsewhere. */
  onClose: (returnFocus: boolean) => void;
};

/**
 * An open menu (WAI-ARIA menu): focus starts on the first item, arrows/Home/End move, Escape or
 * Tab close it, and focus goes back to its button. It is drawn fixed beside the button, so a
 * scrolling table never clips it. The button is the caller's: `Menu` below, or a server-rendered
 * one whose clicks a single client component handles (the accounts table).
 */
export function MenuList({ id, label, items, anchor, onClose }: ListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const menuItems = () => Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? []);
  const focusItem = (index: number) => {
    const all = menuItems();
    all[(index + all.length) % all.length]?.focus({ preventScroll: true });
  };
  const close = (returnFocus = true) => {
    onClose(returnFocus);
    if (returnFocus) anchor.focus();
  };

  useLayoutEffect(() => {
    placeMenu(anchor, listRef.current);
    listRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus({ preventScroll: true });
  }, [anchor]);

  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!listRef.current?.contains(target) && !anchor.contains(target)) onClose(false);
    };
    const onMove = () => placeMenu(anchor, listRef.current);
    document.addEventListener("pointerdown", onPointer);
    window.addEventListener("scroll", onMove, true);
    window.addEventListener("resize", onMove);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      window.removeEventListener("scroll", onMove, true);
      window.removeEventListener("resize", onMove);
    };
  }, [anchor, onClose]);

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
  );
}

type Props = { label: string; items: MenuItem[]; trigger?: React.ReactNode };

/** A menu button with its menu: Enter, Space or ArrowDown open it on the first item. */
export function Menu({ label, items, trigger = "⋯" }: Props) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const id = useId();
  return (
    <>
      <button
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        aria-controls={anchor ? id : undefined}
        onClick={(e) => setAnchor(anchor ? null : e.currentTarget)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !anchor) {
            e.preventDefault();
            setAnchor(e.currentTarget);
          }
        }}
        className={menuButtonClass}
      >
        {trigger}
      </button>
      {anchor && <MenuList id={id} label={label} items={items} anchor={anchor} onClose={() => setAnchor(null)} />}
    </>
  );
}
