import { headers } from "next/headers";
import { requireUser } from "@/app/_auth/session";
import { SiteHeader } from "@/app/ui/site-header";
import { NAME_HEADER } from "@/lib/page-cache";

/**
 * Every page in this group needs a signed-in user; each page checks again for itself. A copy the
 * page cache shares between accounts (front-door/page-cache.ts) shows its placeholder in place of
 * the name, which the cache fills in for each account; the front door lets no request bring one.
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const sharedName = (await headers()).get(NAME_HEADER);
  return (
    <>
      <SiteHeader user={sharedName ? { ...user, name: sharedName } : user} />
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6">{children}</main>
    </>
  );
}
