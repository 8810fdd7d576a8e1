/**
 * A loose check of Vietnamese phone numbers as people write them on posters: mobiles and landlines
 * (`0912 345 678`, `0229.3871.113`, `+84 912 345 678`), hotlines (`1900 1234`) and the emergency
 * numbers (`113`). Returns the number as typed (spaces tidied), or undefined.
 */
const NATIONAL = /^(?:\+?84|0)\d{8,10}$/;
const HOTLINE = /^1[89]00\d{4,6}$/;
const EMERGENCY = /^11[1-5]$/;
const MAX_LENGTH = 24;

export function parsePhone(input: string): string | undefined {
  const typed = input.trim().replace(/\s+/g, " ");
  if (typed.length > MAX_LENGTH || !/^[+\d][\d .()-]*$/.test(typed)) return undefined;
  const digits = typed.replace(/[ .()-]/g, "");
  return NATIONAL.test(digits) || HOTLINE.test(digits) || EMERGENCY.test(digits) ? typed : undefined;
}
