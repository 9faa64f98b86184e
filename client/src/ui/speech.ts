/** Turns short lines into sentences a screen reader reads with pauses: each ends in a full stop (or its own mark). */
export function sentences(...parts: readonly (string | false | undefined)[]): string {
  return parts
    .filter((part): part is string => typeof part === "string" && part.trim() !== "")
    .map((part) => {
      const trimmed = part.trim();
      return /[.!?…:]$/.test(trimmed) ? trimmed : `${trimmed}.`;
    })
    .join(" ");
}

/** "12 seconds left." — what the phone says when the student asks for the time. */
export function timeLeftSentence(remainingMs: number, paused: boolean): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const left = seconds === 1 ? "1 second left" : `${seconds} seconds left`;
  return paused ? `Paused with ${left}.` : seconds === 0 ? "Time is up." : `${left}.`;
}
