// The candidate number is the WSP's pseudonym, never a BSN. The service refuses a number whose digits pass the elfproef
// (Domain/Shared/CandidateNumber.cs); the form refuses it first, so that a BSN typed by mistake never leaves the browser.

/** Why the text is not a candidate number (Dutch), or null when it is one. Empty is allowed: the number is optional. */
export function candidateNumberProblem(text: string): string | null {
  if (text === "") return null;
  if (text.length > 20) return "Ten hoogste 20 tekens.";
  if (!/^[A-Za-z0-9-]+$/.test(text)) return "Alleen letters, cijfers en streepjes.";
  if (looksLikeBsn(text))
    return "Dit lijkt een BSN. Vul het kandidaatnummer in dat de WSP heeft uitgegeven: een BSN mag niet in het grootboek.";
  return null;
}

function looksLikeBsn(text: string): boolean {
  let digits = text.replace(/\D/g, "");
  if (digits.length > 9 && /^0+$/.test(digits.slice(0, -9))) digits = digits.slice(-9);
  if (digits.length !== 9 || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}
