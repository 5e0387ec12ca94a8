import { requireUser } from "@/app/_auth/session";
import { SiteHeader } from "@/app/ui/site-header";

/** Every page in this group needs a signed-in user; each page checks again for itself. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6">{children}</main>
    </>
  );
}
