// Every change on a candidate names the version the page read (If-Match: a 412 when someone changed the candidate
// meanwhile) and its attempt's Idempotency-Key (a repeat after a lost answer writes nothing twice).
export const changeHeaders = (key: string, version: number) => ({ "Idempotency-Key": key, "If-Match": `"${version}"` });

/** What every candidate form gets from the page: whose, which version, and what to do once the service agreed. */
export interface FormProps {
  candidateNumber: string;
  version: number;
  /** The service agreed: the page says `message` and reads the candidate again. */
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** An empty optional field goes as null, so the service names what is missing with everything else (one 400). */
export const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** Hours as typed in Dutch ("32,5") → the number the API takes; NaN when not a number, which the service then names. */
export const hours = (text: string) => (text.trim() === "" ? null : Number(text.trim().replace(",", ".")));
