import { type ChangeEvent, type FormEvent, useState } from "react";
import { flushSync } from "react-dom";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ApiError } from "./api";
import { errorMessage, type FieldErrors, fieldErrorsFromIssues, fieldErrorsFromProblem } from "./errors";

export interface FormAlert {
  message: string;
  /** Server messages about fields this form does not show. */
  details: string[];
}

interface FormOptions<F extends string, S extends z.ZodType> {
  /** The request body's schema from @sorot/contracts, so the browser checks what the server will. */
  schema: S;
  initialValues: Record<F, string>;
  onSubmit: (body: z.output<S>) => Promise<void>;
  /** Turns the form's strings into the body the schema checks, e.g. an empty optional field into null. */
  toBody?: (values: Record<F, string>) => unknown;
  /** A page's own wording for some failures, e.g. the sign-in page's "wrong email or password". */
  describeError?: (error: unknown) => string | undefined;
}

export function useForm<F extends string, S extends z.ZodType>({
  schema,
  initialValues,
  onSubmit,
  toBody,
  describeError,
}: FormOptions<F, S>) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [alert, setAlert] = useState<FormAlert | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const isField = (path: string): path is F => Object.hasOwn(initialValues, path);

  /** Splits errors into those a field of this form shows and the rest, which the form alert lists. */
  function sortErrors(found: FieldErrors) {
    const fieldErrors: Partial<Record<F, string>> = {};
    const details: string[] = [];
    for (const [path, message] of Object.entries(found)) {
      if (isField(path)) fieldErrors[path] = message;
      else details.push(path ? `${path}: ${message}` : message);
    }
    return { fieldErrors, details };
  }

  function setValue(name: F, value: string) {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => ({ ...current, [name]: undefined }));
  }

  /** Shows the errors, then moves focus to the first invalid field so keyboard and screen reader users land on it. */
  function showErrors(
    form: HTMLFormElement,
    fieldErrors: Partial<Record<F, string>>,
    formAlert: FormAlert | null,
  ) {
    flushSync(() => {
      setErrors(fieldErrors);
      setAlert(formAlert);
    });
    form.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = schema.safeParse(toBody ? toBody(values) : values);
    if (!parsed.success) {
      const { fieldErrors, details } = sortErrors(fieldErrorsFromIssues(parsed.error.issues, t));
      showErrors(form, fieldErrors, details.length > 0 ? { message: t("errors.unexpected"), details } : null);
      return;
    }
    setSubmitting(true);
    setAlert(null);
    try {
      await onSubmit(parsed.data);
    } catch (error) {
      const { fieldErrors, details } = sortErrors(
        error instanceof ApiError ? fieldErrorsFromProblem(error.problem, t) : {},
      );
      const message = describeError?.(error) ?? errorMessage(error, t);
      const everyErrorHasAField = Object.keys(fieldErrors).length > 0 && details.length === 0;
      showErrors(form, fieldErrors, everyErrorHasAField ? null : { message, details });
    } finally {
      setSubmitting(false);
    }
  }

  function field(name: F) {
    return {
      name,
      value: values[name],
      error: errors[name],
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
        setValue(name, event.target.value),
    };
  }

  return { setValue, field, alert, submitting, handleSubmit };
}
