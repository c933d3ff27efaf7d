// The service's answer to a change, placed at the form's fields: a 400 names every bad field (JSON paths such as
// `value.amount` or `lines[0].amount`), a 422 names the field its rule blames. A form maps those paths to its own
// controls; what it cannot place goes into the summary above the form, so nothing the service said is lost.
import type { ApiError } from "../api/client";
import { dutchServiceText } from "./serviceTexts";

export interface FieldError {
  /** What the person reads, in Dutch. */
  dutch: string;
  /** The service's own words (English), shown beside it; null when the Dutch says it all. */
  server: string | null;
}

export interface FormErrors {
  /** Per control id. */
  fields: Record<string, FieldError>;
  /** What belongs to no control: shown in the summary. */
  general: FieldError[];
}

export const noErrors: FormErrors = { fields: {}, general: [] };

/** Dutch words for the rules a form may break (422 `code`); a code not here gets a general sentence. */
const ruleTexts: Record<string, string> = {};

/** Adds the Dutch words for a feature's rules (each form module registers its own codes once). */
export function dutchRules(texts: Record<string, string>) {
  Object.assign(ruleTexts, texts);
}

const normalise = (path: string) => path.replace(/^\$\.?/, "").replace(/\[(\d+)\]/g, ".$1").toLowerCase();

/**
 * Places an ApiError at the form's controls. `controls` maps a service field (its JSON path, any case; `lines.0.amount`
 * for `lines[0].amount`) to the control's id; a path that starts with a mapped one goes to that control.
 */
export function placeErrors(error: ApiError, controls: Record<string, string>): FormErrors {
  const found: FormErrors = { fields: {}, general: [] };
  const lookup = Object.entries(controls).map(([path, id]) => [normalise(path), id] as const);
  const controlOf = (path: string) => {
    const wanted = normalise(path);
    return lookup.find(([p]) => wanted === p || wanted.startsWith(p + "."))?.[1] ?? null;
  };
  const add = (path: string | null, error: FieldError) => {
    const id = path === null ? null : controlOf(path);
    if (id === null || found.fields[id]) found.general.push(error);
    else found.fields[id] = error;
  };

  if (error.status === 400 && error.fields.length > 0) {
    for (const field of error.fields) {
      add(field, inDutch(error.problems[field] ?? []));
    }
  } else if (error.status === 422 && error.rule) {
    const dutch = ruleTexts[error.rule.code] ?? error.message;
    add(error.rule.field, { dutch, server: error.detail });
  } else {
    found.general.push({ dutch: error.message, server: error.status === 409 ? error.detail : null });
  }
  return found;
}

/** The service's texts for one field in Dutch; what has no Dutch yet stays beside it, marked English by the field. */
function inDutch(said: readonly string[]): FieldError {
  const known = said.map(dutchServiceText);
  const dutch = known.filter((text): text is string => text !== null);
  const unknown = said.filter((_, i) => known[i] === null);
  return { dutch: dutch.length > 0 ? dutch.join(" ") : "Deze waarde is niet geldig.", server: unknown.length > 0 ? unknown.join(" ") : null };
}
