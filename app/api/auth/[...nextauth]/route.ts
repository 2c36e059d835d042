import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

// Built per request because the options read configuration, which `next build` does not have.
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(getAuthOptions())(request, context);
}

export { handler as GET, handler as POST };
