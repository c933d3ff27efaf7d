// A yes/no field in the NL Design System's checkbox pattern: the box inside its label (so the label is the click
// target), the explanation and error tied to it with aria-describedby, as Field does for the other controls.
import type { ReactNode } from "react";
import { Checkbox, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel } from "@utrecht/component-library-react";
import type { FieldError } from "./fieldErrors";

interface Props {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  description?: ReactNode | undefined;
  error?: FieldError | undefined;
}

export function CheckboxField({ id, label, checked, onChange, description, error }: Props) {
  const described = [description ? `${id}-uitleg` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ");
  return (
    <FormField invalid={Boolean(error)}>
      <FormLabel htmlFor={id} type="checkbox" checked={checked} className="sroi-checkbox">
        <Checkbox id={id} checked={checked} invalid={Boolean(error)} aria-describedby={described || undefined}
          onChange={(e) => onChange(e.target.checked)} />{" "}
        {label}
      </FormLabel>
      {description && <FormFieldDescription id={`${id}-uitleg`}>{description}</FormFieldDescription>}
      {error && (
        <FormFieldErrorMessage id={`${id}-fout`}>
          {error.dutch}
          {error.server && <> (<span lang="en">{error.server}</span>)</>}
        </FormFieldErrorMessage>
      )}
    </FormField>
  );
}
