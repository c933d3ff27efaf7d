// One form field in the NL Design System's pattern: label, optional explanation, the error (in Dutch, and the service's
// own words beside it marked as English), then the control, tied together with aria-describedby so a screen reader
// reads the error with the field.
import type { ReactElement, ReactNode } from "react";
import { cloneElement } from "react";
import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel } from "@utrecht/component-library-react";
import type { FieldError } from "./fieldErrors";

interface Props {
  /** The control's id; the error summary links to it. */
  id: string;
  label: string;
  description?: ReactNode | undefined;
  error?: FieldError | undefined;
  /** One control (Textbox, Select, Textarea) that takes id, invalid and aria-describedby. */
  children: ReactElement<{
    id?: string | undefined;
    invalid?: boolean | undefined;
    "aria-describedby"?: string | undefined;
    "aria-invalid"?: boolean | undefined;
  }>;
}

export function Field({ id, label, description, error, children }: Props) {
  const described = [description ? `${id}-uitleg` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ");
  return (
    <FormField invalid={Boolean(error)}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {description && <FormFieldDescription id={`${id}-uitleg`}>{description}</FormFieldDescription>}
      {error && (
        <FormFieldErrorMessage id={`${id}-fout`}>
          {error.dutch}
          {error.server && (
            <>
              {" "}(<span lang="en">{error.server}</span>)
            </>
          )}
        </FormFieldErrorMessage>
      )}
      {cloneElement(children, {
        id,
        invalid: Boolean(error),
        "aria-invalid": error ? true : undefined,
        "aria-describedby": described || undefined,
      })}
    </FormField>
  );
}
