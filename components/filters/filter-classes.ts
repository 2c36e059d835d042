// Class names the filter forms share, in a module a client component can import too.
export const filterInputClass = "w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
