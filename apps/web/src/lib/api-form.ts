import { zodResolver } from "@hookform/resolvers/zod";
import { type FormEvent, useState } from "react";
import { flushSync } from "react-dom";
import {
  type DefaultValues,
  type FieldError,
  type FieldValues,
  type FieldErrors as FormFieldErrors,
  get,
  type Path,
  type PathValue,
  type UseFormReturn,
  useForm,
} from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ApiError } from "./api";
import { errorMessage, type FieldErrors, fieldErrorsFromProblem, issueMessage } from "./errors";

export interface FormAlert {
  message: string;
  /** Server messages about fields this form does not show. */
  details: string[];
  /** The request's failure, for places that word it themselves (a dialog's line above its buttons); null for the browser's own check. */
  cause: unknown;
}

interface ApiFormOptions<V extends FieldValues, S extends z.ZodType> {
  /** The request body's schema from @sorot/contracts, so the browser checks what the server will. */
  schema: S;
  defaultValues: V;
  onSubmit: (body: z.output<S>) => Promise<void>;
  /** Turns the form's strings into the body the schema checks, e.g. an empty optional field into null. */
  toBody?: (values: V) => unknown;
  /** A page's own wording for some failures, e.g. the sign-in page's "wrong email or password". */
  describeError?: (error: unknown) => string | undefined;
}

/**
 * Reports a contract's issues with messages in the user's language: the contracts word their
 * messages for API clients, and forms show zod's simple rules (required, too short, a choice) translated.
 */
export function addInUserLanguage(
  context: z.RefinementCtx,
  issues: readonly z.core.$ZodIssue[],
  t: Parameters<typeof issueMessage>[1],
): void {
  for (const issue of issues) {
    context.addIssue({ code: "custom", path: issue.path, message: issueMessage(issue, t) });
  }
}

/** The contract's rules on the form's values, turned into the body by `toBody`. */
function inUserLanguage<V, S extends z.ZodType>(
  schema: S,
  toBody: ((values: V) => unknown) | undefined,
  t: Parameters<typeof issueMessage>[1],
) {
  return z.custom<V>().transform((values, context): z.output<S> => {
    const parsed = schema.safeParse(toBody ? toBody(values) : values);
    if (parsed.success) return parsed.data;
    addInUserLanguage(context, parsed.error.issues, t);
    return z.NEVER;
  });
}

/** Flattens react-hook-form's nested errors to path -> message, the shape the form alert lists. */
export function flatErrors(errors: FormFieldErrors, prefix = ""): FieldErrors {
  const flat: FieldErrors = {};
  for (const [name, error] of Object.entries(errors)) {
    if (!error) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    if (typeof error.message === "string") flat[path] = error.message;
    else Object.assign(flat, flatErrors(error as FormFieldErrors, path));
  }
  return flat;
}

/**
 * A form on react-hook-form whose values are checked by a contract schema, and which shows the
 * API's own field errors (problem+json `errors[]`) on the fields they name. Errors about fields the
 * form does not show go to the form alert, so none is lost.
 */
export function useApiForm<V extends FieldValues, S extends z.ZodType>({
  schema,
  defaultValues,
  onSubmit,
  toBody,
  describeError,
}: ApiFormOptions<V, S>) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<FormAlert | null>(null);
  const form = useForm<V, unknown, z.output<S>>({
    defaultValues: defaultValues as DefaultValues<V>,
    resolver: zodResolver(inUserLanguage<V, S>(schema, toBody, t)),
    // A field's error goes as soon as the user edits it, as it did before: no judging half-typed input.
    reValidateMode: "onSubmit",
    // show() focuses by what is on screen, which also reaches controls that keep their inputs to themselves.
    shouldFocusError: false,
  });
  const { errors, isSubmitting } = form.formState;

  const isField = (path: string): path is Path<V> => {
    const value: unknown = get(form.getValues(), path);
    return value !== undefined && (value === null || typeof value !== "object");
  };

  /** Splits errors into those a field of this form shows and the rest, which the form alert lists. */
  function sortErrors(found: FieldErrors) {
    const fieldErrors: [Path<V>, string][] = [];
    const details: string[] = [];
    for (const [path, message] of Object.entries(found)) {
      if (isField(path)) fieldErrors.push([path, message]);
      else details.push(path ? `${path}: ${message}` : message);
    }
    return { fieldErrors, details };
  }

  /** Shows the errors, then moves focus to the first invalid field or the alert, for keyboard and screen reader users. */
  function show(element: HTMLFormElement, fieldErrors: [Path<V>, string][], formAlert: FormAlert | null) {
    // One synchronous render, so the invalid fields (some of them back from a summary) are there to focus.
    flushSync(() => {
      for (const [path, message] of fieldErrors) form.setError(path, { type: "check", message });
      setAlert(formAlert);
    });
    element.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    const element = event.currentTarget;
    setAlert(null);
    const submit = form.handleSubmit(
      async (body) => {
        try {
          await onSubmit(body);
        } catch (error) {
          const { fieldErrors, details } = sortErrors(
            error instanceof ApiError ? fieldErrorsFromProblem(error.problem, t) : {},
          );
          const message = describeError?.(error) ?? errorMessage(error, t);
          const everyErrorHasAField = fieldErrors.length > 0 && details.length === 0;
          show(element, fieldErrors, everyErrorHasAField ? null : { message, details, cause: error });
        }
      },
      (invalid) => {
        const { fieldErrors, details } = sortErrors(flatErrors(invalid));
        const formAlert =
          details.length > 0 ? { message: t("errors.unexpected"), details, cause: null } : null;
        show(element, fieldErrors, formAlert);
      },
    );
    return submit(event);
  }

  /**
   * A control's props. Values change through setValue rather than register's own handler, which
   * reads the DOM and so cannot follow radio groups and pickers that keep their inputs to themselves.
   */
  function field<N extends Path<V>>(name: N) {
    const fieldError: FieldError | undefined = get(errors, name);
    const { ref, onBlur } = form.register(name);
    return {
      name,
      ref,
      onBlur,
      value: form.watch(name),
      error: fieldError?.message,
      onChange: (event: { target: { value: string } }) =>
        setValue(name, event.target.value as PathValue<V, N>),
    };
  }

  function setValue<N extends Path<V>>(name: N, value: PathValue<V, N>) {
    form.clearErrors(name);
    form.setValue(name, value);
  }

  return { form, field, setValue, alert, submitting: isSubmitting, handleSubmit };
}

/**
 * The errors `schema` finds in `values`, through zodResolver, as path -> message. For forms that
 * check their values in parts (a builder's steps) or keep them in a shape of their own.
 */
export async function checkWith<T extends FieldValues>(
  schema: z.ZodType<unknown, T>,
  values: T,
): Promise<FieldErrors> {
  const { errors } = await zodResolver(schema)(values, undefined, {
    fields: {},
    shouldUseNativeValidation: false,
  });
  return flatErrors(errors);
}

/**
 * Puts errors on a form in one synchronous render, together with `then` (an alert, a move to
 * another step), so focus can move to the first invalid field at once. The errors are named by
 * the request body's paths (`contact.email`, `budget.amountMicros`), which forms holding their own
 * shape of the values only loosely mirror: they are no typed paths of the values.
 */
export function showErrorsNow<V extends FieldValues>(
  form: Pick<UseFormReturn<V>, "clearErrors" | "setError">,
  errors: FieldErrors,
  then: () => void = () => {},
) {
  flushSync(() => {
    form.clearErrors();
    for (const [path, message] of Object.entries(errors)) {
      form.setError(path as Path<V>, { type: "check", message });
    }
    then();
  });
}
