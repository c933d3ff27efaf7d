// What a form checks itself before it sends anything: every field the service would refuse for its form (required,
// lengths, dates and their order, ranges), with the Dutch at the field. Each form names its own fields; the bounds are
// the service's (the …Request/…Endpoint validation each form cites), so the service's 400 is left for what only it
// can judge (a text that looks like a BSN, a table's year).
import type { FieldError, FormErrors } from "./fieldErrors";
import { dateRange, earliestDate, latestDate } from "../url/urlState";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export class Checks {
  readonly fields: Record<string, FieldError> = {};

  /** The first problem of a field wins: the person fixes one thing at a time. */
  fail(id: string, dutch: string): false {
    this.fields[id] ??= { dutch, server: null };
    return false;
  }

  /** Text the service takes with RequiredText/OptionalText: not blank when required, at most `max` characters. */
  text(id: string, value: string, max: number, required = true): boolean {
    if (value.trim() === "") return required ? this.fail(id, "Vul dit in.") : true;
    if (value.length > max) return this.fail(id, `Ten hoogste ${max} tekens (nu ${value.length}).`);
    return true;
  }

  /** A date field (type=date gives "" for an unfinished date, the service's 2026-12-05 otherwise). */
  date(id: string, value: string, required = true): boolean {
    if (value === "") return required ? this.fail(id, "Vul een datum in.") : true;
    if (!isoDate.test(value)) return this.fail(id, `Dit is geen geldige datum; kies een datum ${dateRange}.`);
    // The service refuses a date outside its bounds (HttpConventions/DateBounds.cs): say so before sending.
    if (value < earliestDate || value > latestDate) return this.fail(id, `Kies een datum ${dateRange}.`);
    return true;
  }

  /** A choice among options (a select or radio buttons) that has none chosen. */
  chosen(id: string, value: string | null | undefined, dutch: string): boolean {
    return value ? true : this.fail(id, dutch);
  }

  /** A parsed value (an amount, hours) whose parser said what is wrong. */
  parsed<T extends { ok: boolean }>(id: string, result: T & ({ ok: true } | { ok: false; message: string })): boolean {
    return result.ok ? true : this.fail(id, (result as { message: string }).message);
  }

  get ok() {
    return Object.keys(this.fields).length === 0;
  }

  get errors(): FormErrors {
    return { fields: this.fields, general: [] };
  }
}
