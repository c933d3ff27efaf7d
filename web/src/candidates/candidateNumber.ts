// A candidate is a pseudonymous number the WSP issues, never a citizen service number (BSN): the service refuses a
// number whose digits pass the elfproef, and the form says so before anything is sent (it never reaches a URL either).

/** 9×d1 + 8×d2 + … + 2×d8 − d9 divisible by 11, as the service checks (Domain/Shared/CandidateNumber.cs). */
function elfproef(nine: string) {
  if (!/^\d{9}$/.test(nine) || /^0+$/.test(nine)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(nine[i]);
  sum -= Number(nine[8]);
  return sum % 11 === 0;
}

/** The digits (letters and hyphens ignored, leading zeros beyond nine ignored) would be a valid BSN. */
export function looksLikeBsn(text: string) {
  let digits = text.replace(/\D/g, "");
  if (digits.length > 9 && /^0+$/.test(digits.slice(0, -9))) digits = digits.slice(-9);
  return elfproef(digits);
}

export const bsnMessage =
  "Dit nummer lijkt op een BSN (negen cijfers die de elfproef halen). Vul het kandidaatnummer in dat het WSP heeft uitgegeven: een BSN mag nooit in het grootboek.";

/** Why the text is no candidate number, in Dutch; null when it is one. */
export function candidateNumberProblem(text: string): string | null {
  if (text.length === 0) return "Vul het kandidaatnummer in.";
  if (text.length > 20) return "Ten hoogste 20 tekens.";
  if (!/^[A-Za-z0-9-]+$/.test(text)) return "Alleen letters, cijfers en streepjes.";
  if (looksLikeBsn(text)) return bsnMessage;
  return null;
}
