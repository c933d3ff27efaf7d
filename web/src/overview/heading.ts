import type { Session } from "../api/session";
import { namesInDutch } from "../municipalities/names";

/** Up to this many names fit in the heading; more are named in the sentence under it. */
const namesInHeading = 3;

/**
 * What the overview sums, said in its heading by name: the person's own municipality, the one chosen, or — for an
 * administrator or a contractor without a choice — all municipalities, named (never one code for several).
 */
export function overviewHeading(
  session: Session, chosen: string | null, summedNames: readonly string[], name: (code: string) => string,
): { title: string; summed: string | null } {
  const single = session.municipality ?? chosen;
  if (single) return { title: `Overzicht ${name(single)}`, summed: null };
  const all = session.role === "opdrachtnemer" ? "Overzicht van uw contracten in alle gemeenten" : "Overzicht alle gemeenten";
  if (summedNames.length === 0) return { title: all, summed: "Er zijn nog geen contracten." };
  const summed = `Opgeteld: de contracten van ${namesInDutch(summedNames)}.`;
  return summedNames.length <= namesInHeading
    ? { title: `${all}: ${namesInDutch(summedNames)}`, summed }
    : { title: `${all} (${summedNames.length})`, summed };
}
