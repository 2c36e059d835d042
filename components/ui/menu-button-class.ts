// The look of a menu button, shared by Menu (client) and server-rendered menu buttons.
export const menuButtonClass =
  "rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500";
