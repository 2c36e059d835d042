// The look of a menu button, shared by Menu (client) and server-rendered menu buttons.
export const menuButtonClass =
  "row-button px-2 py-1 text-xs font-medium";
