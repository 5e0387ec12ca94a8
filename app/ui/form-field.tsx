/** A labelled input with its error beside it, announced politely and tied to the input. */
export function FormField({
  name,
  id = name,
  label,
  errors,
  hint,
  ...input
}: {
  name: string;
  /** Defaults to the name; give one when the same form appears more than once on a page. */
  id?: string;
  label: string;
  errors?: string[];
  hint?: string;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  const invalid = (errors?.length ?? 0) > 0;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={invalid}
        aria-describedby={`${id}-error`}
        className={`mt-1 w-full rounded-md border px-3 py-2 text-base ${invalid ? "border-red-500 bg-red-50" : "border-slate-300"}`}
        {...input}
      />
      {hint && !invalid && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-700">
        {errors?.join("；")}
      </p>
    </div>
  );
}
