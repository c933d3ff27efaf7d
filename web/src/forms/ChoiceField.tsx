// A choice of one among a few (radio buttons) in the NL Design System's pattern: a fieldset whose legend is the
// question, the error in Dutch (with the service's own words marked as English) tied to it, then the options. The
// first option carries the field's id, so the error summary's link lands on the group.
import type { ReactNode } from "react";
import {
  Fieldset, FieldsetLegend, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, RadioButton,
} from "@utrecht/component-library-react";
import type { FieldError } from "./fieldErrors";

interface Props<T extends string> {
  id: string;
  legend: string;
  description?: ReactNode | undefined;
  error?: FieldError | undefined;
  options: readonly { value: T; label: string; explanation?: string }[];
  value: T | null;
  onChange: (value: T) => void;
}

export function ChoiceField<T extends string>({ id, legend, description, error, options, value, onChange }: Props<T>) {
  const described = [description ? `${id}-uitleg` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ");
  return (
    <Fieldset invalid={Boolean(error)} {...(described ? { "aria-describedby": described } : {})}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {description && <FormFieldDescription id={`${id}-uitleg`}>{description}</FormFieldDescription>}
      {error && (
        <FormFieldErrorMessage id={`${id}-fout`}>
          {error.dutch}
          {error.server && <> (<span lang="en">{error.server}</span>)</>}
        </FormFieldErrorMessage>
      )}
      {options.map((option, i) => {
        const optionId = i === 0 ? id : `${id}-${option.value}`;
        return (
          <FormField key={option.value} type="radio">
            <RadioButton id={optionId} name={id} value={option.value} checked={value === option.value} invalid={Boolean(error)}
              aria-describedby={option.explanation ? `${optionId}-uitleg` : undefined} onChange={() => onChange(option.value)} />
            <FormLabel htmlFor={optionId} type="radio">{option.label}</FormLabel>
            {option.explanation && <FormFieldDescription id={`${optionId}-uitleg`}>{option.explanation}</FormFieldDescription>}
          </FormField>
        );
      })}
    </Fieldset>
  );
}
