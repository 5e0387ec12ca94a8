import Link from "@/app/ui/link";

/** A 404 that says what this route expected, and where to go instead. */
export function NotFoundNotice({ message, links }: { message: string; links: { href: string; label: string }[] }) {
  return (
    <div className="space-y-3 py-16 text-center">
      <h1 className="text-2xl font-semibold">页面不存在</h1>
      <p className="text-slate-600" data-testid="not-found-message">{message}</p>
      <p className="flex flex-wrap justify-center gap-4">
        {links.map((link) => (
          <Link key={link.href} href={link.href} className="text-brand-700 underline">{link.label}</Link>
        ))}
      </p>
    </div>
  );
}
